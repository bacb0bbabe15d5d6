import { z } from "zod";

export const ZListProjectsInput = z
  .object({
    status: z.enum(["ACTIVE", "ARCHIVED"]).optional(),
    search: z.string().trim().max(100, "Search with at most 100 characters.").optional(),
    cursor: z.string().max(64).optional(),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .default({ limit: 50 });
export type ListProjectsInput = z.infer<typeof ZListProjectsInput>;
