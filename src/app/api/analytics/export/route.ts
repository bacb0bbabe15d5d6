import { exportAnalyticsCsv } from "@/server/api/routers/analytics/export";

/**
 * GET /api/analytics/export?scope=team|platform&from=&to=[&table=summary|series|users]
 * — the analytics dashboard as a CSV attachment, with the dashboard's own access
 * rules (see src/server/api/routers/analytics/export.ts).
 */
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return exportAnalyticsCsv(request);
}
