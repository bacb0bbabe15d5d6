import { createTRPCRouter, permissionProcedure, teamProcedure } from "../../trpc";
import { createColumn, deleteColumn, listColumns, updateColumn } from "./board-column.handler";
import { ZCreateColumnInput, ZDeleteColumnInput, ZUpdateColumnInput } from "./board-column.schema";

export const boardColumnRouter = createTRPCRouter({
  list: teamProcedure.query(listColumns),
  create: permissionProcedure("board:manage").input(ZCreateColumnInput).mutation(createColumn),
  update: permissionProcedure("board:manage").input(ZUpdateColumnInput).mutation(updateColumn),
  delete: permissionProcedure("board:manage").input(ZDeleteColumnInput).mutation(deleteColumn),
});
