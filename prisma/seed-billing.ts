/**
 * Demo billing history, so the platform analytics page (MRR, churn, ARPU, AI
 * cost against revenue) has a believable year to show: Acme's and Globex's
 * subscriptions, plus a dozen small demo customers (teams with a subscription and
 * no members) that sign up, upgrade, downgrade, churn and come back over the last
 * sixteen months (most already pay when the last twelve begin, so churn rates
 * have a real base), with light AI usage while they pay.
 *
 * Signups write the Subscription and its "new" ledger row directly (a team that
 * starts on Professional is new Professional revenue, not Starter plus an
 * expansion); every later change goes through applySubscriptionChange, like a
 * real plan change, so the ledger's kinds and amounts are the app's own.
 * Idempotent: a team that already has a subscription (or a demo slug already
 * taken) is left alone, and every ledger row has a fixed source key.
 */
import type { PlanId } from "../src/lib/plans";
import { getBaseDb } from "../src/server/db/client";
import type { SubscriptionStatus } from "../src/server/db/generated/client";
import { costMicros } from "../src/server/services/ai/config";
import { applySubscriptionChange, monthPeriod, mrrCentsOf } from "../src/server/services/billing/subscriptions";

type Change = { at: Date; planId: PlanId; status: SubscriptionStatus };
type DemoCustomer = { name: string; slug: string; region?: string; history: Change[]; dailyTokens?: number };

const DAY_MS = 86_400_000;
const USAGE_MODEL = "gemini-2.5-flash";
/**
 * AI tokens a day by plan while a demo customer pays: most stay inside their
 * plan's monthly allowance (200k / 2M / 20M), so the period-close invoices are
 * mostly the plan fee.
 */
const DAILY_TOKENS: Record<PlanId, number> = { starter: 5_000, professional: 55_000, enterprise: 500_000 };

export function demoCustomers(now: Date): { acme: Change[]; globex: Change[]; customers: DemoCustomer[] } {
  // `day` of the month `months` before this one (UTC), 09:30; never later than an hour ago.
  const monthsAgo = (months: number, day: number): Date => {
    const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, day, 9, 30));
    return at.getTime() < now.getTime() - 3_600_000 ? at : new Date(now.getTime() - 3_600_000);
  };
  const daysAgo = (days: number): Date => new Date(now.getTime() - days * DAY_MS);
  const signup = (at: Date, planId: PlanId): Change => ({ at, planId, status: "ACTIVE" });
  const plan = (at: Date, planId: PlanId): Change => ({ at, planId, status: "ACTIVE" });
  const cancel = (at: Date, planId: PlanId): Change => ({ at, planId, status: "CANCELED" });
  return {
    acme: [signup(monthsAgo(14, 3), "starter")],
    globex: [signup(monthsAgo(7, 18), "starter")],
    customers: [
      // Long-standing customers that stay all year.
      { name: "Aster Logistics", slug: "demo-aster-logistics", history: [signup(monthsAgo(16, 10), "professional")] },
      { name: "Cendana Retail", slug: "demo-cendana-retail", region: "id", history: [signup(monthsAgo(14, 21), "starter")] },
      { name: "Nimbus Analytics", slug: "demo-nimbus-analytics", history: [signup(monthsAgo(15, 2), "starter"), plan(monthsAgo(8, 14), "professional"), plan(monthsAgo(2, 9), "enterprise")] },
      { name: "Fjord Legal", slug: "demo-fjord-legal", history: [signup(monthsAgo(13, 15), "starter"), cancel(monthsAgo(9, 27), "starter")] },
      { name: "Kopi Labs", slug: "demo-kopi-labs", region: "id", history: [signup(monthsAgo(13, 20), "professional"), cancel(monthsAgo(4, 1), "professional")] },
      { name: "Lumen Health", slug: "demo-lumen-health", history: [signup(monthsAgo(12, 7), "starter"), plan(monthsAgo(6, 3), "professional"), plan(monthsAgo(3, 22), "starter")] },
      {
        name: "Tokobaru",
        slug: "demo-tokobaru",
        region: "id",
        history: [signup(monthsAgo(9, 11), "starter"), cancel(monthsAgo(6, 28), "starter"), plan(monthsAgo(1, 16), "professional")],
      },
      {
        name: "Orbit Freight",
        slug: "demo-orbit-freight",
        history: [signup(monthsAgo(13, 5), "enterprise"), plan(monthsAgo(1, 2), "professional")],
        // Downgraded but still a heavy user: past the Professional allowance, billed as overage.
        dailyTokens: 120_000,
      },
      { name: "Quokka HR", slug: "demo-quokka-hr", history: [signup(monthsAgo(6, 19), "starter"), plan(monthsAgo(2, 27), "professional")] },
      { name: "Sagara Studio", slug: "demo-sagara-studio", region: "id", history: [signup(monthsAgo(5, 12), "starter"), cancel(monthsAgo(1, 25), "starter")] },
      { name: "Baltic Bytes", slug: "demo-baltic-bytes", history: [signup(monthsAgo(3, 8), "professional")] },
      { name: "Mango Payroll", slug: "demo-mango-payroll", history: [signup(daysAgo(12), "starter")] },
    ],
  };
}

/** Writes a team's billing history, unless the team already has a subscription. Returns whether it did. */
export async function seedHistory(teamId: string, key: string, history: readonly Change[]): Promise<boolean> {
  const db = getBaseDb();
  const [first, ...later] = history;
  if (!first) return false;
  if (await db.subscription.findUnique({ where: { teamId }, select: { teamId: true } })) return false;
  const period = monthPeriod(first.at);
  await db.$transaction(async (tx) => {
    await tx.subscription.create({
      data: { teamId, planId: first.planId, status: first.status, provider: "local", currentPeriodStart: period.start, currentPeriodEnd: period.end, stateAt: first.at, createdAt: first.at },
      select: { teamId: true },
    });
    await tx.revenueEvent.create({
      data: {
        teamId,
        kind: "new",
        planId: first.planId,
        previousPlanId: null,
        mrrCents: mrrCentsOf(first.planId, first.status),
        previousMrrCents: 0,
        occurredAt: first.at,
        sourceKey: `seed:${key}:0`,
      },
      select: { id: true },
    });
  });
  for (const [index, change] of later.entries()) {
    const changePeriod = monthPeriod(change.at);
    await applySubscriptionChange({
      teamId,
      planId: change.planId,
      status: change.status,
      provider: "local",
      currentPeriodStart: changePeriod.start,
      currentPeriodEnd: changePeriod.end,
      canceledAt: change.status === "CANCELED" ? change.at : null,
      stateAt: change.at,
      sourceKey: `seed:${key}:${index + 1}`,
    });
  }
  return true;
}

/** One background AI usage row a day while the customer pays, sized by its plan. */
export function usageRows(teamId: string, history: readonly Change[], now: Date, dailyTokens?: number) {
  const rows = [];
  const first = history[0];
  if (!first) return [];
  for (let day = Math.ceil(first.at.getTime() / DAY_MS) * DAY_MS + 14 * 3_600_000; day < now.getTime(); day += DAY_MS) {
    const current = [...history].reverse().find((change) => change.at.getTime() <= day);
    if (!current || mrrCentsOf(current.planId, current.status) === 0) continue;
    // A weekly rhythm (quieter weekends) so the chart is not a flat line.
    const weekday = new Date(day).getUTCDay();
    const tokens = Math.round((dailyTokens ?? DAILY_TOKENS[current.planId]) * (weekday === 0 || weekday === 6 ? 0.4 : 1 + (weekday % 3) * 0.15));
    const inputTokens = Math.round(tokens * 0.85);
    const outputTokens = tokens - inputTokens;
    rows.push({
      teamId,
      userId: null,
      feature: "rag-answer",
      provider: "gemini",
      model: USAGE_MODEL,
      inputTokens,
      outputTokens,
      costMicros: costMicros(USAGE_MODEL, inputTokens, outputTokens),
      status: "ok",
      latencyMs: 1_200,
      createdAt: new Date(day),
    });
  }
  return rows;
}

/**
 * The demo's billing: `teams` maps the seed's team names to ids (Acme Corp and
 * Globex get their subscriptions); the demo customers are created here.
 */
export async function seedBilling(teams: ReadonlyMap<string, string>, now: Date = new Date()): Promise<void> {
  const db = getBaseDb();
  const { acme, globex, customers } = demoCustomers(now);
  const acmeId = teams.get("Acme Corp");
  const globexId = teams.get("Globex");
  if (acmeId) await seedHistory(acmeId, "acme", acme);
  if (globexId) await seedHistory(globexId, "globex", globex);
  for (const customer of customers) {
    const existing = await db.team.findUnique({ where: { slug: customer.slug }, select: { id: true } });
    if (existing) continue;
    const team = await db.team.create({
      data: { name: customer.name, slug: customer.slug, region: customer.region ?? "global", createdAt: customer.history[0]?.at ?? now },
      select: { id: true },
    });
    if (await seedHistory(team.id, customer.slug, customer.history)) {
      await db.aiUsageEvent.createMany({ data: usageRows(team.id, customer.history, now, customer.dailyTokens) });
    }
  }
}
