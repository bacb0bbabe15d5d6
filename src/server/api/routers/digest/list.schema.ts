import { z } from "zod";

export const ZListDigestsInput = z.object({
  limit: z.number().int().min(1, "Ask for at least 1 digest.").max(60, "Ask for at most 60 digests.").default(14),
});
export type ListDigestsInput = z.infer<typeof ZListDigestsInput>;
