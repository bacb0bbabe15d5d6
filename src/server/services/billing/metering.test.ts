import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTeam, uniqueSuffix } from "../../../../test/factories";
import { startStripeStandIn, type StripeStandIn } from "../../../../test/stripe-stand-in";
import { getBaseDb } from "../../db/client";
import { resetBillingConfigForTests } from "./config";
import {
  batchUsageIntoReports,
  meterEventTimestamp,
  meterIdempotencyKey,
  NOT_BILLED_EVENT_NAME,
  REISSUED_PREFIX,
  REJECTED_PREFIX,
  reissueMeterReport,
  reportUsageMeters,
  RETRY_WINDOW_MS,
} from "./metering";
import { applySubscriptionChange, getSubscription } from "./subscriptions";
import { DomainError } from "../../errors";

/**
 * Usage metering against the local Stripe stand-in. Every run here is scoped to
 * this file's teams, and the file holds a database-wide advisory lock that
 * trigger/metering-tasks.test.ts (which runs the unscoped scheduled task) also
 * takes, so the two files never report each other's usage.
 */
const SECRET = "sk_test_meteringsecret123";
const EVENT_NAME = "ai_tokens_test";
const ENV_KEYS = ["STRIPE_API_BASE", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_METER_EVENT_NAME"] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));

let standIn: StripeStandIn;
let lock: pg.Client;

beforeAll(async () => {
  lock = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await lock.connect();
  await lock.query("SELECT pg_advisory_lock(hashtext('stripe-metering-tests'))");
  standIn = await startStripeStandIn();
  process.env.STRIPE_API_BASE = standIn.url;
  process.env.STRIPE_SECRET_KEY = SECRET;
  process.env.STRIPE_WEBHOOK_SECRET = "whsec_meteringtest123";
  process.env.STRIPE_METER_EVENT_NAME = EVENT_NAME;
  resetBillingConfigForTests();
});

afterEach(() => standIn.reset());

afterAll(async () => {
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  resetBillingConfigForTests();
  await standIn.close();
  await lock.query("SELECT pg_advisory_unlock(hashtext('stripe-metering-tests'))");
  await lock.end();
});

async function stripeTeam(label: string): Promise<{ id: string; customer: string }> {
  const team = await createTeam(label);
  const customer = `cus_${uniqueSuffix()}${uniqueSuffix()}`;
  const now = new Date();
  await applySubscriptionChange({
    teamId: team.id,
    planId: "professional",
    status: "ACTIVE",
    provider: "stripe",
    stripeCustomerId: customer,
    stripeSubscriptionId: `sub_${uniqueSuffix()}${uniqueSuffix()}`,
    currentPeriodStart: new Date(now.getTime() - 86_400_000),
    currentPeriodEnd: new Date(now.getTime() + 29 * 86_400_000),
    stateAt: now,
    sourceKey: `test:${team.id}`,
  });
  return { id: team.id, customer };
}

type UsageRow = { input: number; output?: number; provider?: string; status?: string; minutesAgo?: number };

async function addUsage(teamId: string, rows: UsageRow[]): Promise<void> {
  const now = Date.now();
  await getBaseDb().aiUsageEvent.createMany({
    data: rows.map((row, i) => ({
      teamId,
      feature: "rag-answer",
      provider: row.provider ?? "gemini",
      model: row.provider === "local" ? "local" : "gemini-2.5-flash",
      inputTokens: row.input,
      outputTokens: row.output ?? 0,
      status: row.status ?? "ok",
      // Distinct, ordered times: the newest row is the report's usageTo.
      createdAt: new Date(now - (row.minutesAgo ?? 30) * 60_000 + i),
    })),
  });
}

function meterRequestsFor(customer: string) {
  return standIn.requestsTo("/v1/billing/meter_events", "POST").filter((r) => (r.body.payload as Record<string, unknown> | undefined)?.stripe_customer_id === customer);
}

const reportsOf = (teamId: string) =>
  getBaseDb().meterReport.findMany({
    where: { teamId },
    orderBy: { createdAt: "asc" },
    select: { id: true, status: true, tokens: true, customerRef: true, eventName: true, usageFrom: true, usageTo: true, attempts: true, lastError: true, createdAt: true, sentAt: true },
  });

/** Every metered event with tokens is in exactly one report, and the reports carry exactly those tokens. */
async function expectExactlyOnce(teamId: string, options: { allSent: boolean }) {
  const db = getBaseDb();
  const events = await db.aiUsageEvent.findMany({
    where: { teamId, provider: { not: "local" }, OR: [{ inputTokens: { gt: 0 } }, { outputTokens: { gt: 0 } }] },
    select: { inputTokens: true, outputTokens: true, meterReportId: true },
  });
  const reports = await reportsOf(teamId);
  const byReport = new Map<string, number>();
  for (const event of events) {
    expect(event.meterReportId).not.toBeNull();
    byReport.set(event.meterReportId ?? "", (byReport.get(event.meterReportId ?? "") ?? 0) + event.inputTokens + event.outputTokens);
  }
  expect([...byReport.keys()].sort()).toEqual(reports.map((r) => r.id).sort());
  for (const report of reports) expect(report.tokens).toBe(byReport.get(report.id));
  const used = events.reduce((sum, e) => sum + e.inputTokens + e.outputTokens, 0);
  expect(reports.reduce((sum, r) => sum + r.tokens, 0)).toBe(used);
  if (options.allSent) expect(reports.every((r) => r.status === "SENT")).toBe(true);
  return { reports, used };
}

describe("report-usage-meters", () => {
  it("sends one meter event per batch: identifier = report id, the customer, value = tokens; only metered usage, once", async () => {
    const team = await stripeTeam("meter-basic");
    const other = await stripeTeam("meter-basic-other");
    const localTeam = await createTeam("meter-basic-local");
    await addUsage(team.id, [
      { input: 1_000, output: 200, minutesAgo: 40 },
      { input: 400, output: 50, minutesAgo: 20 },
      { input: 9_000, provider: "local" }, // free: never billed
      { input: 0, status: "error" }, // nothing to carry
    ]);
    await addUsage(other.id, [{ input: 700 }]);
    // A team on the local provider: its usage is invoiced by the period close, never sent.
    await addUsage(localTeam.id, [{ input: 5_000 }]);
    const scope = [team.id, other.id, localTeam.id];

    const result = await reportUsageMeters({ teamIds: scope });
    expect(result).toMatchObject({ configured: true, batch: { reports: 2, tokens: 1_650 + 700 }, sent: 2, retrying: 0, failed: 0 });

    const [report] = await reportsOf(team.id);
    if (!report) throw new Error("expected a report");
    expect(report).toMatchObject({ status: "SENT", tokens: 1_650, customerRef: team.customer, eventName: EVENT_NAME, attempts: 1, lastError: null });
    const requests = meterRequestsFor(team.customer);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.body).toEqual({
      event_name: EVENT_NAME,
      identifier: report.id,
      payload: { stripe_customer_id: team.customer, value: "1650" },
      timestamp: String(Math.floor(report.usageTo.getTime() / 1000)),
    });
    expect(requests[0]?.idempotencyKey).toBe(meterIdempotencyKey(report.id));
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(meterRequestsFor(other.customer).map((r) => (r.body.payload as Record<string, string>).value)).toEqual(["700"]);
    expect(await reportsOf(localTeam.id)).toEqual([]);
    expect(await getBaseDb().aiUsageEvent.count({ where: { teamId: localTeam.id, meterReportId: { not: null } } })).toBe(0);
    // The free and empty rows stay out of every report.
    expect(await getBaseDb().aiUsageEvent.count({ where: { teamId: team.id, meterReportId: null } })).toBe(2);
    await expectExactlyOnce(team.id, { allSent: true });

    // A second run has nothing new to send.
    standIn.reset();
    expect(await reportUsageMeters({ teamIds: scope })).toMatchObject({ batch: { reports: 0 }, sent: 0 });
    expect(standIn.requestsTo("/v1/billing/meter_events")).toHaveLength(0);

    // New usage goes out in a new report, with a new identifier.
    await addUsage(team.id, [{ input: 300, minutesAgo: 1 }]);
    await reportUsageMeters({ teamIds: scope });
    const reports = await reportsOf(team.id);
    expect(reports).toHaveLength(2);
    expect(meterRequestsFor(team.customer).map((r) => [r.body.identifier, (r.body.payload as Record<string, string>).value])).toEqual([[reports[1]?.id, "300"]]);
    await expectExactlyOnce(team.id, { allSent: true });
  });

  it("retries a failed send with the same identifier and payload, and never counts tokens twice", async () => {
    const team = await stripeTeam("meter-retry");
    await addUsage(team.id, [{ input: 2_000, output: 500 }, { input: 100 }]);
    standIn.fail("/v1/billing/meter_events", { status: 500, times: 1, message: `Upstream hiccup for key ${SECRET}` });

    const first = await reportUsageMeters({ teamIds: [team.id] });
    expect(first).toMatchObject({ sent: 0, retrying: 1, failed: 0 });
    const [failed] = await reportsOf(team.id);
    expect(failed).toMatchObject({ status: "PENDING", tokens: 2_600, attempts: 1, sentAt: null });
    expect(failed?.lastError).toContain("Upstream hiccup");
    expect(failed?.lastError).not.toContain(SECRET);

    // Usage arriving meanwhile is not folded into the pending report: it gets its own.
    await addUsage(team.id, [{ input: 50, minutesAgo: 1 }]);
    const second = await reportUsageMeters({ teamIds: [team.id] });
    expect(second).toMatchObject({ batch: { reports: 1, tokens: 50 }, sent: 2, retrying: 0 });

    const requests = meterRequestsFor(team.customer);
    const forFailed = requests.filter((r) => r.body.identifier === failed?.id);
    expect(forFailed).toHaveLength(2);
    // The retry is the same request: identifier, idempotency key, value and timestamp.
    expect(forFailed[1]?.body).toEqual(forFailed[0]?.body);
    expect(forFailed[1]?.idempotencyKey).toBe(forFailed[0]?.idempotencyKey);
    expect((forFailed[1]?.body.payload as Record<string, string>).value).toBe("2600");

    const { reports, used } = await expectExactlyOnce(team.id, { allSent: true });
    expect(used).toBe(2_650);
    expect(reports.find((r) => r.id === failed?.id)).toMatchObject({ status: "SENT", attempts: 2, lastError: null });
    // Stripe's view: each identifier's value counted once.
    const counted = new Map(requests.map((r) => [r.body.identifier, Number((r.body.payload as Record<string, string>).value)]));
    expect([...counted.values()].reduce((a, b) => a + b, 0)).toBe(used);
  });

  it("gives a report up as FAILED after 20 hours of failures, and retries a FAILED report inside the window", async () => {
    const team = await stripeTeam("meter-expire");
    await addUsage(team.id, [{ input: 900 }]);
    standIn.fail("/v1/billing/meter_events", { status: 503, times: 1 });
    await reportUsageMeters({ teamIds: [team.id] });
    const [report] = await reportsOf(team.id);
    if (!report) throw new Error("expected a report");
    expect(report).toMatchObject({ status: "PENDING", attempts: 1 });

    // 21 hours later: Stripe's deduplication might lapse before another try lands, so no resend.
    const late = new Date(report.createdAt.getTime() + RETRY_WINDOW_MS + 3_600_000);
    standIn.reset();
    expect(await reportUsageMeters({ teamIds: [team.id], now: late })).toMatchObject({ failed: 1, sent: 0 });
    expect(standIn.requestsTo("/v1/billing/meter_events")).toHaveLength(0);
    expect((await reportsOf(team.id))[0]).toMatchObject({ status: "FAILED", attempts: 1 });

    // An operator marks a young report FAILED: still retried inside the window.
    const young = await stripeTeam("meter-expire-young");
    await addUsage(young.id, [{ input: 40 }]);
    standIn.fail("/v1/billing/meter_events", { status: 503, times: 1 });
    await reportUsageMeters({ teamIds: [young.id] });
    await getBaseDb().meterReport.updateMany({ where: { teamId: young.id }, data: { status: "FAILED" } });
    expect(await reportUsageMeters({ teamIds: [young.id] })).toMatchObject({ sent: 1 });
    await expectExactlyOnce(young.id, { allSent: true });
  });

  it("lets concurrent batchers claim every event exactly once", async () => {
    const team = await stripeTeam("meter-race");
    const rows: UsageRow[] = Array.from({ length: 240 }, (_, i) => ({ input: 100 + i, output: i % 7, minutesAgo: 60 - (i % 50) }));
    await addUsage(team.id, rows);
    const limits = { maxEventsPerReport: 25, maxTokensPerReport: 1_000_000_000, maxReportsPerRun: 1_000, maxSendsPerRun: 1_000 };

    const results = await Promise.all([0, 1, 2, 3].map(() => batchUsageIntoReports(EVENT_NAME, { limits, teamIds: [team.id] })));
    const total = rows.reduce((sum, row) => sum + row.input + (row.output ?? 0), 0);
    expect(results.reduce((sum, r) => sum + r.tokens, 0)).toBe(total);
    expect(results.reduce((sum, r) => sum + r.events, 0)).toBe(240);
    const { reports } = await expectExactlyOnce(team.id, { allSent: false });
    expect(reports.every((r) => r.tokens > 0 && r.status === "PENDING")).toBe(true);

    await reportUsageMeters({ teamIds: [team.id], limits });
    await expectExactlyOnce(team.id, { allSent: true });
    const sent = meterRequestsFor(team.customer);
    expect(new Set(sent.map((r) => r.body.identifier)).size).toBe(reports.length);
    expect(sent.reduce((sum, r) => sum + Number((r.body.payload as Record<string, string>).value), 0)).toBe(total);
  });

  it("splits a team's backlog into bounded reports and resumes it in the next run", async () => {
    const team = await stripeTeam("meter-bounded");
    await addUsage(team.id, Array.from({ length: 7 }, () => ({ input: 10 })));
    const limits = { maxEventsPerReport: 3, maxTokensPerReport: 1_000_000_000, maxReportsPerRun: 2, maxSendsPerRun: 1_000 };
    expect(await reportUsageMeters({ teamIds: [team.id], limits })).toMatchObject({ batch: { reports: 2, events: 6 }, sent: 2 });
    expect(await reportUsageMeters({ teamIds: [team.id], limits })).toMatchObject({ batch: { reports: 1, events: 1 }, sent: 1 });
    await expectExactlyOnce(team.id, { allSent: true });
  });
});

const HOUR = 3_600_000;

/** Usage rows at given instants (not "minutes ago"), returned in order. */
async function addUsageAt(teamId: string, rows: Array<{ tokens: number; at: Date }>): Promise<void> {
  await getBaseDb().aiUsageEvent.createMany({
    data: rows.map((row) => ({ teamId, feature: "rag-answer", provider: "gemini", model: "gemini-2.5-flash", inputTokens: row.tokens, status: "ok", createdAt: row.at })),
  });
}

const valueOf = (request: { body: Record<string, unknown> }) => (request.body.payload as Record<string, string>).value;

describe("what the meter bills", () => {
  it("never reports usage from before the team subscribed through Stripe: it is stamped into one local not-billed report", async () => {
    const now = Date.now();
    const periodStart = new Date(now - 24 * HOUR);
    const team = await createTeam("meter-prestripe");
    const other = await stripeTeam("meter-prestripe-other");
    await getSubscription(team.id);
    // The local Starter period: metered usage nobody bills through Stripe.
    await addUsageAt(team.id, [
      { tokens: 50_000, at: new Date(now - 72 * HOUR) },
      { tokens: 7_000, at: new Date(now - 25 * HOUR) },
    ]);
    const customer = `cus_${uniqueSuffix()}${uniqueSuffix()}`;
    await applySubscriptionChange({
      teamId: team.id,
      planId: "professional",
      status: "ACTIVE",
      provider: "stripe",
      stripeCustomerId: customer,
      stripeSubscriptionId: `sub_${uniqueSuffix()}${uniqueSuffix()}`,
      currentPeriodStart: periodStart,
      currentPeriodEnd: new Date(now + 29 * 24 * HOUR),
      stateAt: new Date(now + 60_000),
      sourceKey: `test:${team.id}:stripe`,
    });
    await addUsageAt(team.id, [{ tokens: 1_200, at: new Date(now - HOUR) }]);
    await addUsage(other.id, [{ input: 300 }]);

    const result = await reportUsageMeters({ teamIds: [team.id, other.id] });
    expect(result).toMatchObject({ batch: { reports: 2, tokens: 1_500 }, sent: 2, failed: 0 });
    expect(meterRequestsFor(customer).map(valueOf)).toEqual(["1200"]);
    const reports = await reportsOf(team.id);
    const notBilled = reports.filter((r) => r.eventName === NOT_BILLED_EVENT_NAME);
    expect(notBilled).toEqual([expect.objectContaining({ status: "SENT", tokens: 57_000, usageTo: periodStart })]);
    expect(await getBaseDb().meterReport.findUniqueOrThrow({ where: { id: notBilled[0]?.id ?? "" }, select: { provider: true } })).toEqual({ provider: "local" });
    await expectExactlyOnce(team.id, { allSent: true });

    // Old usage recorded late joins the same not-billed report; new usage is billed.
    await addUsageAt(team.id, [
      { tokens: 40, at: new Date(now - 30 * HOUR) },
      { tokens: 60, at: new Date(now - 10 * 60_000) },
    ]);
    standIn.reset();
    expect(await reportUsageMeters({ teamIds: [team.id] })).toMatchObject({ batch: { reports: 1, tokens: 60 }, sent: 1 });
    expect(meterRequestsFor(customer).map(valueOf)).toEqual(["60"]);
    const after = await reportsOf(team.id);
    expect(after.filter((r) => r.eventName === NOT_BILLED_EVENT_NAME)).toEqual([expect.objectContaining({ id: notBilled[0]?.id, tokens: 57_040 })]);
    await expectExactlyOnce(team.id, { allSent: true });
    expect((await reportsOf(other.id)).map((r) => r.eventName)).toEqual([EVENT_NAME]);
  });

  it("reports the usage of an ended period apart, with a time inside that period, after the renewal moved the stored period", async () => {
    const now = Date.now();
    const boundary = new Date(now - 2 * HOUR);
    const team = await createTeam("meter-renewal");
    await getSubscription(team.id);
    const customer = `cus_${uniqueSuffix()}${uniqueSuffix()}`;
    const subscriptionId = `sub_${uniqueSuffix()}${uniqueSuffix()}`;
    const onPeriod = (start: Date, end: Date, stateAt: Date, key: string) =>
      applySubscriptionChange({
        teamId: team.id,
        planId: "professional",
        status: "ACTIVE",
        provider: "stripe",
        stripeCustomerId: customer,
        stripeSubscriptionId: subscriptionId,
        currentPeriodStart: start,
        currentPeriodEnd: end,
        stateAt,
        sourceKey: `test:${team.id}:${key}`,
      });
    await onPeriod(new Date(now - 10 * 24 * HOUR), boundary, new Date(now + 60_000), "p1");
    await addUsageAt(team.id, [{ tokens: 100, at: new Date(now - 3 * HOUR) }]);
    expect(await reportUsageMeters({ teamIds: [team.id] })).toMatchObject({ batch: { reports: 1 }, sent: 1 });

    // The renewal is recorded; usage of the last minutes of the old period was not batched yet.
    await onPeriod(boundary, new Date(now + 28 * 24 * HOUR), new Date(now + 120_000), "p2");
    const lateOld = new Date(boundary.getTime() - 10 * 60_000);
    await addUsageAt(team.id, [
      { tokens: 20, at: lateOld },
      { tokens: 30, at: new Date(now - HOUR) },
      { tokens: 50, at: new Date(now - 30 * 60_000) },
    ]);
    standIn.reset();
    expect(await reportUsageMeters({ teamIds: [team.id] })).toMatchObject({ batch: { reports: 2, tokens: 100 }, sent: 2 });
    const requests = meterRequestsFor(customer);
    expect(requests.map(valueOf)).toEqual(["20", "80"]);
    // The old period's tokens are billed in the old period, the new period's in the new one.
    expect(Number(requests[0]?.body.timestamp)).toBe(Math.floor(lateOld.getTime() / 1000));
    expect(Number(requests[0]?.body.timestamp) * 1000).toBeLessThan(boundary.getTime());
    expect(Number(requests[1]?.body.timestamp) * 1000).toBeGreaterThanOrEqual(boundary.getTime());
    // It was billed by Stripe before the renewal: nothing of it is "not billed".
    expect((await reportsOf(team.id)).some((r) => r.eventName === NOT_BILLED_EVENT_NAME)).toBe(false);
    await expectExactlyOnce(team.id, { allSent: true });
  });
});

describe("a meter event Stripe refuses for good", () => {
  it("is FAILED at once (not retried for 20 hours), and an operator reissues its usage under a new identifier", async () => {
    const team = await stripeTeam("meter-rejected");
    const other = await stripeTeam("meter-rejected-other");
    await addUsage(team.id, [{ input: 2_000, output: 600 }, { input: 400 }]);
    await addUsage(other.id, [{ input: 70 }]);
    standIn.fail("/v1/billing/meter_events", { status: 400, times: 1, type: "invalid_request_error", message: "No such customer: 'cus_gone'" });

    const first = await reportUsageMeters({ teamIds: [team.id] });
    expect(first).toMatchObject({ sent: 0, retrying: 0, failed: 1 });
    const [rejected] = await reportsOf(team.id);
    if (!rejected) throw new Error("expected a report");
    expect(rejected).toMatchObject({ status: "FAILED", attempts: 1, tokens: 3_000 });
    expect(rejected.lastError?.startsWith(REJECTED_PREFIX)).toBe(true);

    // Not tried again: the same request would be refused again.
    standIn.reset();
    expect(await reportUsageMeters({ teamIds: [team.id] })).toMatchObject({ sent: 0, failed: 0, batch: { reports: 0 } });
    expect(meterRequestsFor(team.customer)).toEqual([]);

    // The cause is fixed; the operator reissues: a new report (new identifier) carries the same usage.
    const reissued = await reissueMeterReport(rejected.id);
    expect(reissued).toMatchObject({ tokens: 3_000, events: 2 });
    expect(reissued.reportId).not.toBe(rejected.id);
    expect(await getBaseDb().aiUsageEvent.count({ where: { meterReportId: rejected.id } })).toBe(0);
    const old = await getBaseDb().meterReport.findUniqueOrThrow({ where: { id: rejected.id }, select: { status: true, lastError: true } });
    expect(old.status).toBe("FAILED");
    expect(old.lastError?.startsWith(`${REISSUED_PREFIX}${reissued.reportId}`)).toBe(true);
    expect(await reportUsageMeters({ teamIds: [team.id] })).toMatchObject({ sent: 1, failed: 0 });
    expect(meterRequestsFor(team.customer).map((r) => [r.body.identifier, valueOf(r)])).toEqual([[reissued.reportId, "3000"]]);
    expect((await getBaseDb().meterReport.findUniqueOrThrow({ where: { id: reissued.reportId }, select: { status: true } })).status).toBe("SENT");

    // Once only; and never a report that was not rejected (it may have been counted).
    const again = await reissueMeterReport(rejected.id).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(DomainError);
    expect(again).toMatchObject({ code: "CONFLICT" });
    await expect(reissueMeterReport(reissued.reportId)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(reissueMeterReport("no-such-report")).rejects.toMatchObject({ code: "NOT_FOUND" });

    // The other team's usage was never touched.
    expect(await reportsOf(other.id)).toEqual([]);
  });

  it("a 404 is final too; a 429 (or 409) is retried with the same identifier; a timed-out report is never reissued", async () => {
    const missing = await stripeTeam("meter-404");
    await addUsage(missing.id, [{ input: 10 }]);
    standIn.fail("/v1/billing/meter_events", { status: 404, times: 1, type: "invalid_request_error", message: "No such meter." });
    expect(await reportUsageMeters({ teamIds: [missing.id] })).toMatchObject({ failed: 1 });

    const limited = await stripeTeam("meter-429");
    await addUsage(limited.id, [{ input: 20 }]);
    standIn.fail("/v1/billing/meter_events", { status: 429, times: 1, type: "rate_limit_error" });
    expect(await reportUsageMeters({ teamIds: [limited.id] })).toMatchObject({ retrying: 1, failed: 0 });
    expect((await reportsOf(limited.id))[0]).toMatchObject({ status: "PENDING" });
    expect(await reportUsageMeters({ teamIds: [limited.id] })).toMatchObject({ sent: 1 });

    const conflict = await stripeTeam("meter-409");
    await addUsage(conflict.id, [{ input: 30 }]);
    standIn.fail("/v1/billing/meter_events", { status: 409, times: 1, type: "idempotency_error" });
    expect(await reportUsageMeters({ teamIds: [conflict.id] })).toMatchObject({ retrying: 1, failed: 0 });

    // Timed out for 20 hours: Stripe may have counted it, so it stays with the operator.
    const expired = await stripeTeam("meter-expired-reissue");
    await addUsage(expired.id, [{ input: 40 }]);
    standIn.fail("/v1/billing/meter_events", { status: 503, times: 1 });
    await reportUsageMeters({ teamIds: [expired.id] });
    const [report] = await reportsOf(expired.id);
    if (!report) throw new Error("expected a report");
    await reportUsageMeters({ teamIds: [expired.id], now: new Date(report.createdAt.getTime() + RETRY_WINDOW_MS + HOUR) });
    expect((await reportsOf(expired.id))[0]).toMatchObject({ status: "FAILED" });
    await expect(reissueMeterReport(report.id)).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("meterEventTimestamp", () => {
  it("is the last usage, kept inside Stripe's 35-day window and never in the future", () => {
    const createdAt = new Date("2032-03-01T12:00:00Z");
    const now = new Date("2032-03-01T13:00:00Z");
    const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
    expect(meterEventTimestamp({ usageTo: new Date("2032-03-01T11:59:30.900Z"), createdAt }, now)).toBe(seconds(new Date("2032-03-01T11:59:30Z")));
    expect(meterEventTimestamp({ usageTo: new Date("2032-01-01T00:00:00Z"), createdAt }, now)).toBe(seconds(new Date(createdAt.getTime() - 34 * 86_400_000)));
    expect(meterEventTimestamp({ usageTo: new Date("2032-03-02T00:00:00Z"), createdAt }, now)).toBe(seconds(createdAt));
    // A retry 19 hours later sends the same timestamp.
    const later = new Date(createdAt.getTime() + 19 * 3_600_000);
    expect(meterEventTimestamp({ usageTo: new Date("2032-01-01T00:00:00Z"), createdAt }, later)).toBe(seconds(new Date(createdAt.getTime() - 34 * 86_400_000)));
  });
});
