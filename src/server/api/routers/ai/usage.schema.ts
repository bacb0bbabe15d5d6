import { z } from "zod";
import { usageRangeProblem } from "@/server/services/ai-usage/usage-report";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ZIsoDate = z.string().trim().regex(ISO_DATE, "Use a date like 2026-11-24.");

/** A reporting range of whole days in the team's time zone, both ends included, at most 366 days. */
export const ZAiUsageInput = z
  .object({ from: ZIsoDate, to: ZIsoDate })
  .superRefine((range, context) => {
    // A badly written date already has its message; "does not exist" would only repeat it.
    if (!ISO_DATE.test(range.from) || !ISO_DATE.test(range.to)) return;
    const problem = usageRangeProblem(range);
    if (problem) context.addIssue({ code: "custom", path: [problem.field], message: problem.message });
  });
export type AiUsageInput = z.infer<typeof ZAiUsageInput>;
