import type { z } from "zod";
import { MAX_TEAM_RANGE_DAYS } from "@/server/services/analytics/range";
import { zAnalyticsRange } from "./range.schema";

/** The team's own analytics: a range of at most 366 days. */
export const ZTeamAnalyticsInput = zAnalyticsRange(MAX_TEAM_RANGE_DAYS);
export type TeamAnalyticsInput = z.infer<typeof ZTeamAnalyticsInput>;
