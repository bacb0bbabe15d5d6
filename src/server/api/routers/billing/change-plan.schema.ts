import { z } from "zod";
import { PLAN_IDS } from "@/lib/plans";

export const ZChangePlanInput = z.object({
  planId: z.enum(PLAN_IDS, { message: "Choose one of the plans: starter, professional or enterprise." }),
});
export type ChangePlanInput = z.infer<typeof ZChangePlanInput>;
