import { z } from "zod";

export const ZListDocumentsInput = z
  .object({
    cursor: z.string().max(64).optional(),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .default({ limit: 50 });
export type ListDocumentsInput = z.infer<typeof ZListDocumentsInput>;
