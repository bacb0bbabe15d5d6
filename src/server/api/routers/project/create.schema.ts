import { z } from "zod";

export const ZProjectName = z
  .string({ error: "Enter a project name." })
  .trim()
  .min(1, "Enter a project name.")
  .max(120, "Use at most 120 characters.");
export const ZProjectDescription = z.string().trim().max(2000, "Use at most 2000 characters.");

export const ZCreateProjectInput = z.object({
  name: ZProjectName,
  description: ZProjectDescription.optional(),
});
export type CreateProjectInput = z.infer<typeof ZCreateProjectInput>;
