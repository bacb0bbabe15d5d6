import { checkDatabase } from "@/server/db/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const db = await checkDatabase();
  return Response.json({ status: db.ok ? "ok" : "degraded", database: db }, { status: db.ok ? 200 : 503 });
}
