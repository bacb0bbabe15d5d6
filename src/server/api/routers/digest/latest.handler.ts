import { digestRun, digestSchedule } from "@/server/services/digest/digest-runs";
import type { TeamContext } from "../../trpc";
import { digestSelect, toDigestView } from "./digest.select";

/** The newest digest, the team's schedule, and the state of today's run (for "Generate now"). */
export async function latestDigest({ ctx }: { ctx: TeamContext }) {
  const schedule = await digestSchedule(ctx.team.id);
  const [row, todayRun] = await Promise.all([
    ctx.db.ceoDigest.findFirst({ orderBy: { date: "desc" }, select: digestSelect }),
    digestRun(ctx.team.id, schedule.today),
  ]);
  return {
    digest: row ? toDigestView(row) : null,
    schedule,
    todayRun: todayRun ? { status: todayRun.status, failed: todayRun.status === "FAILED" } : null,
  };
}
