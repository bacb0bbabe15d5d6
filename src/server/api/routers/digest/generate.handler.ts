import { requestDigest } from "@/server/services/digest/digest-runs";
import type { TeamContext } from "../../trpc";

/** Enqueues today's digest now (idempotent: the day's one run, retried if it had failed). */
export async function generateDigest({ ctx }: { ctx: TeamContext }) {
  const { date, run } = await requestDigest(ctx.team.id);
  return { date, status: run?.status ?? "QUEUED" };
}
