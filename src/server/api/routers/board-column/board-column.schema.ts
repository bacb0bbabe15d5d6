import { z } from "zod";
import { ZId } from "../task/task.schema";

const ZColumnName = z.string().trim().min(1, "Enter a column name.").max(40, "Use at most 40 characters.");
export const ZCreateColumnInput = z.object({ name: ZColumnName, category: z.enum(["TODO", "IN_PROGRESS", "DONE"]).default("IN_PROGRESS") });
export const ZUpdateColumnInput = z.object({
  id: ZId("Column"),
  data: z
    .object({ name: ZColumnName.optional(), position: z.number().int().min(0).max(100).optional() })
    .refine((data) => data.name !== undefined || data.position !== undefined, { message: "Change at least one field." }),
});
export const ZDeleteColumnInput = z.object({ id: ZId("Column") });
export type CreateColumnInput = z.infer<typeof ZCreateColumnInput>;
export type UpdateColumnInput = z.infer<typeof ZUpdateColumnInput>;
export type DeleteColumnInput = z.infer<typeof ZDeleteColumnInput>;
