import { z } from "zod";
import { ZProjectDescription, ZProjectName } from "./create.schema";
import { ZProjectId } from "./get.schema";

export const ZUpdateProjectInput = z.object({
  id: ZProjectId,
  data: z
    .object({
      name: ZProjectName.optional(),
      description: ZProjectDescription.nullable().optional(),
      status: z.enum(["ACTIVE", "ARCHIVED"]).optional(),
    })
    .refine((data) => Object.values(data).some((value) => value !== undefined), {
      message: "Change at least one field.",
    }),
});
export type UpdateProjectInput = z.infer<typeof ZUpdateProjectInput>;
