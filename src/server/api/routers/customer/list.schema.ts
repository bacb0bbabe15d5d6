import { z } from "zod";

export const ZListCustomersInput = z
  .object({
    /** Part of the name, email or tax ID. */
    search: z.string().trim().max(100, "Search with at most 100 characters.").optional(),
    cursor: z.string().max(64).optional(),
    limit: z.number().int().min(1).max(200).default(100),
  })
  .default({ limit: 100 });
export type ListCustomersInput = z.infer<typeof ZListCustomersInput>;
