import { z } from "zod";

export const ZListTenantsInput = z
  .object({
    search: z.string().trim().max(100, "Search with at most 100 characters.").optional(),
  })
  .default({});
export type ListTenantsInput = z.infer<typeof ZListTenantsInput>;
