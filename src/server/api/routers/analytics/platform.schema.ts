import type { z } from "zod";
import { MAX_PLATFORM_RANGE_DAYS } from "@/server/services/analytics/range";
import { zAnalyticsRange } from "./range.schema";

/** The whole platform's analytics: a range of at most three years. */
export const ZPlatformAnalyticsInput = zAnalyticsRange(MAX_PLATFORM_RANGE_DAYS);
export type PlatformAnalyticsInput = z.infer<typeof ZPlatformAnalyticsInput>;
