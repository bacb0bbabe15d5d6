import { createTRPCRouter, permissionProcedure, teamProcedure } from "../../trpc";
import { createLabel, deleteLabel, listLabels } from "./label.handler";
import { ZCreateLabelInput, ZDeleteLabelInput } from "./label.schema";

export const labelRouter = createTRPCRouter({
  list: teamProcedure.query(listLabels),
  create: permissionProcedure("task:create").input(ZCreateLabelInput).mutation(createLabel),
  delete: permissionProcedure("board:manage").input(ZDeleteLabelInput).mutation(deleteLabel),
});
