import { z } from "zod";
import { analyticsRangeProblem } from "@/server/services/analytics/range";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ZIsoDate = z.string().trim().regex(ISO_DATE, "Use a date like 2026-11-24.");

/** Whole UTC days, both ends included, at most `maxDays` long (see services/analytics/range.ts). */
export function zAnalyticsRange(maxDays: number) {
  return z.object({ from: ZIsoDate, to: ZIsoDate }).superRefine((range, context) => {
    // A badly written date already has its message; "does not exist" would only repeat it.
    if (!ISO_DATE.test(range.from) || !ISO_DATE.test(range.to)) return;
    const problem = analyticsRangeProblem(range, maxDays);
    if (problem) context.addIssue({ code: "custom", path: [problem.field], message: problem.message });
  });
}
