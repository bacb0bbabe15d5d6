import { platformAnalytics } from "@/server/services/analytics/reports";
import type { PlatformAnalyticsInput } from "./platform.schema";

/** Revenue and AI usage of every team (superadmins; the call is recorded by superadminProcedure). */
export function getPlatformAnalytics({ input }: { input: PlatformAnalyticsInput }) {
  return platformAnalytics(input);
}
