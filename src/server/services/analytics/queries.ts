/**
 * What the analytics reports read. RevenueEvent, AiUsageEvent, BillingInvoice,
 * Subscription, Team and User are control-plane models, read through
 * getBaseDb(); a team report passes the team id from the verified session
 * (teamProcedure), never from the client, and every read below filters by it.
 */
import { aiUsageByBucket, ledgerOpeningRows, topAiUsers, type AnalyticsScope } from "@/server/db/analytics-rollup";
import { getBaseDb } from "@/server/db/client";
import type { LedgerRow } from "./metrics";

export type { AnalyticsScope };

function teamWhere(scope: AnalyticsScope): { teamId?: string } {
  return scope === "platform" ? {} : { teamId: scope.teamId };
}

/** Each team's opening state before `start` and every ledger event in [start, end), in ledger order. */
export async function readLedger(scope: AnalyticsScope, start: Date, end: Date): Promise<LedgerRow[]> {
  const [opening, inRange] = await Promise.all([
    ledgerOpeningRows(scope, start),
    getBaseDb().revenueEvent.findMany({
      where: { ...teamWhere(scope), occurredAt: { gte: start, lt: end } },
      select: { teamId: true, kind: true, mrrCents: true, previousMrrCents: true, occurredAt: true },
      orderBy: [{ occurredAt: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    }),
  ]);
  return [...opening, ...inRange];
}

export { aiUsageByBucket, topAiUsers };

/**
 * A cheap fingerprint of everything a report reads: newest row and row count of
 * the revenue ledger, newest AI usage event, and for a team its invoices and
 * subscription. Index-only lookups, so it can be read on every request.
 * Newest time and count per table: a row stamped a moment before another may
 * commit after it, and the count still moves.
 */
export async function readWatermark(scope: AnalyticsScope): Promise<string> {
  const db = getBaseDb();
  const where = teamWhere(scope);
  const [revenue, usage] = await Promise.all([
    db.revenueEvent.aggregate({ where, _max: { createdAt: true }, _count: { _all: true } }),
    // The count too: a usage row stamped a moment earlier may commit after a newer one.
    db.aiUsageEvent.aggregate({ where, _max: { createdAt: true }, _count: { _all: true } }),
  ]);
  const parts = [revenue._max.createdAt?.getTime() ?? 0, revenue._count._all, usage._max.createdAt?.getTime() ?? 0, usage._count._all];
  if (scope !== "platform") {
    const [invoices, subscription] = await Promise.all([
      db.billingInvoice.aggregate({ where, _max: { updatedAt: true }, _count: { _all: true } }),
      db.subscription.findUnique({ where: { teamId: scope.teamId }, select: { updatedAt: true } }),
    ]);
    parts.push(invoices._max.updatedAt?.getTime() ?? 0, invoices._count._all, subscription?.updatedAt.getTime() ?? 0);
  }
  return parts.join(".");
}

export async function readUsers(ids: readonly string[]): Promise<Map<string, { name: string | null; email: string | null }>> {
  if (ids.length === 0) return new Map();
  const users = await getBaseDb().user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((user) => [user.id, { name: user.name, email: user.email }]));
}

export async function readTeamNames(ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const teams = await getBaseDb().team.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } });
  return new Map(teams.map((team) => [team.id, team.name]));
}

/** The team's subscription as stored (null: none yet — it reads as the default plan; nothing is created here). */
export async function readSubscription(teamId: string) {
  return getBaseDb().subscription.findUnique({ where: { teamId }, select: { planId: true, status: true } });
}

/** The team's invoices issued in [start, end). */
export async function readInvoices(teamId: string, start: Date, end: Date) {
  return getBaseDb().billingInvoice.findMany({
    where: { teamId, issuedAt: { gte: start, lt: end } },
    select: { amountDueCents: true, status: true, issuedAt: true },
    orderBy: { issuedAt: "asc" },
  });
}
