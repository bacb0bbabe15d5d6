import { z } from "zod";

export const ZStartTierMoveInput = z.object({
  toTier: z.enum(["SHARED", "SCHEMA", "ISOLATED"], { message: "Choose a tier: shared, schema or isolated." }),
});
export type StartTierMoveInput = z.infer<typeof ZStartTierMoveInput>;
