import { mapPrismaErrors } from "@/server/db/errors";
import type { TeamContext } from "../../trpc";
import type { CreateLabelInput, DeleteLabelInput } from "./label.schema";

const labelSelect = { id: true, name: true, color: true } as const;

export function listLabels({ ctx }: { ctx: TeamContext }) {
  return ctx.db.label.findMany({ select: labelSelect, orderBy: { name: "asc" } });
}

export function createLabel({ ctx, input }: { ctx: TeamContext; input: CreateLabelInput }) {
  return mapPrismaErrors(`A label named “${input.name}”`, ctx.db.label.create({ data: input, select: labelSelect }));
}

export async function deleteLabel({ ctx, input }: { ctx: TeamContext; input: DeleteLabelInput }) {
  await mapPrismaErrors("Label", ctx.db.label.delete({ where: { id: input.id }, select: { id: true } }));
  return { id: input.id };
}
