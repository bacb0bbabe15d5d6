import { z } from "zod";
import { ZId } from "../task/task.schema";

export const ZCreateLabelInput = z.object({
  name: z.string().trim().min(1, "Enter a label name.").max(40, "Use at most 40 characters."),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #3b6cf6.").default("#64748b"),
});
export const ZDeleteLabelInput = z.object({ id: ZId("Label") });
export type CreateLabelInput = z.infer<typeof ZCreateLabelInput>;
export type DeleteLabelInput = z.infer<typeof ZDeleteLabelInput>;
