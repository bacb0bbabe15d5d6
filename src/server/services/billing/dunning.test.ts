import { describe, expect, it } from "vitest";
import { addMember, callerFor, createTeam, uniqueSuffix, type TestTeam } from "../../../../test/factories";
import { errorOf } from "../../../../test/trpc-errors";
import { getBaseDb } from "../../db/client";
import { getTenantDb } from "../../db/get-tenant-db";
import { TeamLockedError } from "../../errors";
import { getJobDefinition } from "../../jobs/registry";
import { processBillingEvent, recordBillingEvent, type IncomingBillingEvent } from "./events/ledger";
import { getSubscription } from "./subscriptions";

/**
 * Dunning end to end on local (embedded provider) invoice events: the same
 * ledger and processing as Stripe's webhooks. Each test has a second team that
 * must see nothing.
 */
const db = getBaseDb();
const unix = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);

type Invoice = { teamId: string; id: string; created: string; amount?: number };

function invoiceEvent(type: string, inv: Invoice, extra: { attempt?: number; next?: string | null; created?: string } = {}): IncomingBillingEvent {
  const paid = type === "invoice.paid";
  return {
    source: "local",
    id: `evt_${type}_${inv.id}_${extra.attempt ?? 0}`,
    type,
    created: unix(extra.created ?? inv.created),
    data: {
      object: {
        id: inv.id,
        object: "invoice",
        metadata: { teamId: inv.teamId },
        created: unix(inv.created),
        number: `INV-${inv.id.slice(-6)}`,
        attempt_count: extra.attempt ?? 1,
        next_payment_attempt: extra.next ? unix(extra.next) : null,
        amount_due: inv.amount ?? 9_900,
        amount_paid: paid ? (inv.amount ?? 9_900) : 0,
        currency: "usd",
        status: paid ? "paid" : "open",
        status_transitions: { paid_at: paid ? unix(extra.created ?? inv.created) : null },
        customer: null,
        parent: null,
      },
    },
  };
}

async function deliver(event: IncomingBillingEvent): Promise<string> {
  const { id } = await recordBillingEvent(event);
  await processBillingEvent(id);
  return id;
}

const ctx = { runId: "test", attempt: 1, signal: new AbortController().signal, progress: async () => undefined };

/** Runs this team's queued dunning steps (the embedded runner would), as each job body. */
async function runDunningJobs(teamId: string): Promise<number> {
  const job = getJobDefinition("dunning-step");
  if (!job) throw new Error("dunning-step is not registered");
  const runs = await db.jobRun.findMany({ where: { job: "dunning-step", teamId, status: "QUEUED" }, orderBy: { createdAt: "asc" }, select: { id: true, payload: true } });
  for (const run of runs) {
    await job.run(run.payload, { ...ctx, runId: run.id });
    await db.jobRun.update({ where: { id: run.id }, data: { status: "SUCCEEDED", finishedAt: new Date() } });
  }
  return runs.length;
}

async function dunningEmails(teamId: string) {
  return db.emailMessage.findMany({ where: { teamId, kind: { startsWith: "billing." } }, orderBy: { createdAt: "asc" }, select: { to: true, kind: true, subject: true, text: true } });
}

async function notifications(teamId: string) {
  return (await getTenantDb(teamId)).notification.findMany({ where: { type: "billing.payment" }, orderBy: { createdAt: "asc" }, select: { userId: true, title: true, body: true, link: true } });
}

async function teamState(teamId: string) {
  const team = await db.team.findUniqueOrThrow({ where: { id: teamId }, select: { status: true, statusReason: true } });
  const sub = await getSubscription(teamId);
  return { ...team, sub };
}

async function billingTeam(label: string): Promise<TestTeam & { admin: { id: string; email: string } }> {
  const team = await createTeam(label);
  const admin = await addMember(team.id, "ADMIN", `${label}-admin`);
  await addMember(team.id, "STAFF", `${label}-staff`);
  await db.team.update({ where: { id: team.id }, data: { name: `${label} Ltd` } });
  return { ...team, admin };
}

async function expectUntouched(other: TestTeam) {
  const state = await teamState(other.id);
  expect(state.status).toBe("ACTIVE");
  expect(state.sub).toMatchObject({ failedPaymentCount: 0, dunningInvoiceId: null, status: "ACTIVE" });
  expect(await dunningEmails(other.id)).toEqual([]);
  expect(await notifications(other.id)).toEqual([]);
  expect(await db.billingInvoice.count({ where: { teamId: other.id } })).toBe(0);
}

describe("dunning", () => {
  it("warns on the 1st and 2nd failure, locks on the 3rd, and a payment unlocks at once", async () => {
    const team = await billingTeam("dunning");
    const other = await billingTeam("dunning-other");
    const inv: Invoice = { teamId: team.id, id: `in_local_${uniqueSuffix()}`, created: "2026-11-01T00:00:00Z" };
    const owner = callerFor(team.owner, team.id);

    // 1st failure
    await deliver(invoiceEvent("invoice.payment_failed", inv, { attempt: 1, next: "2026-11-04T10:00:00Z", created: "2026-11-01T01:00:00Z" }));
    let state = await teamState(team.id);
    expect(state.status).toBe("ACTIVE");
    expect(state.sub).toMatchObject({ status: "PAST_DUE", paymentMethodStatus: "failing", failedPaymentCount: 1, dunningInvoiceId: inv.id, nextPaymentAttemptAt: new Date("2026-11-04T10:00:00Z") });
    expect(await runDunningJobs(team.id)).toBe(1);
    let emails = await dunningEmails(team.id);
    // The owner and the admin, not the staff member.
    expect(emails.map((e) => e.to).sort()).toEqual([team.owner.email, team.admin.email].sort());
    expect(emails[0]?.kind).toBe("billing.warn");
    expect(emails[0]?.subject).toContain("attempt 1 of 3");
    expect(emails[0]?.text).toContain("USD 99.00");
    expect(emails[0]?.text).toContain("4 November 2026");
    expect(emails[0]?.text).toContain("/settings/billing");
    let bell = await notifications(team.id);
    expect(bell.map((n) => n.userId).sort()).toEqual([team.owner.id, team.admin.id].sort());
    expect(bell[0]).toMatchObject({ link: "/settings/billing", title: "Payment failed (attempt 1 of 3)" });

    // 2nd failure
    await deliver(invoiceEvent("invoice.payment_failed", inv, { attempt: 2, next: "2026-11-09T10:00:00Z", created: "2026-11-04T10:00:00Z" }));
    expect(await runDunningJobs(team.id)).toBe(1);
    state = await teamState(team.id);
    expect(state.status).toBe("ACTIVE");
    expect(state.sub.failedPaymentCount).toBe(2);
    emails = await dunningEmails(team.id);
    expect(emails).toHaveLength(4);
    expect(emails[2]?.subject).toContain("attempt 2 of 3");
    expect(emails[2]?.text).toContain("9 November 2026");
    expect(emails[2]?.text).toContain("If the next attempt fails too");
    await owner.project.create({ name: "Still allowed" });

    // 3rd failure: locked; reads work, mutations are refused; nothing deleted
    await deliver(invoiceEvent("invoice.payment_failed", inv, { attempt: 3, next: null, created: "2026-11-09T10:00:00Z" }));
    state = await teamState(team.id);
    expect(state.status).toBe("SOFT_LOCKED");
    expect(state.statusReason).toBe(`Payment failed 3 times (invoice INV-${inv.id.slice(-6)}); update the payment method in Billing settings.`);
    expect(state.sub.failedPaymentCount).toBe(3);
    const refused = await errorOf(owner.project.create({ name: "Refused" }));
    expect(refused.cause).toBeInstanceOf(TeamLockedError);
    expect(refused.message).toContain("unpaid invoice");
    expect((await owner.project.list()).items.map((p) => p.name)).toContain("Still allowed");
    expect(await runDunningJobs(team.id)).toBe(1);
    emails = await dunningEmails(team.id);
    expect(emails).toHaveLength(6);
    expect(emails[4]?.kind).toBe("billing.lock");
    expect(emails[4]?.text).toContain("is locked");
    expect(emails[4]?.text).toContain("no further automatic retry");
    expect(await notifications(team.id)).toHaveLength(6);

    // Paid: unlocked at once (before any job runs), counters reset
    await deliver(invoiceEvent("invoice.paid", inv, { attempt: 4, created: "2026-11-10T08:00:00Z" }));
    state = await teamState(team.id);
    expect(state).toMatchObject({ status: "ACTIVE", statusReason: null });
    expect(state.sub).toMatchObject({ status: "ACTIVE", paymentMethodStatus: "ok", failedPaymentCount: 0, dunningInvoiceId: null, nextPaymentAttemptAt: null, lastPaidInvoiceAt: new Date(inv.created) });
    await owner.project.create({ name: "After payment" });
    expect(await runDunningJobs(team.id)).toBe(1);
    bell = await notifications(team.id);
    expect(bell.at(-1)).toMatchObject({ title: "Payment received, team unlocked" });
    expect(await dunningEmails(team.id)).toHaveLength(6);
    expect(await db.billingInvoice.findFirst({ where: { teamId: team.id, externalId: inv.id }, select: { status: true, attemptCount: true, amountPaidCents: true } })).toEqual({
      status: "paid",
      attemptCount: 4,
      amountPaidCents: 9_900,
    });

    await expectUntouched(other);
  });

  it("a payment of a newer invoice arriving before an older invoice's failure keeps the team unlocked", async () => {
    const team = await billingTeam("dunning-order");
    const other = await billingTeam("dunning-order-other");
    const older: Invoice = { teamId: team.id, id: `in_local_${uniqueSuffix()}`, created: "2026-10-01T00:00:00Z" };
    const newer: Invoice = { teamId: team.id, id: `in_local_${uniqueSuffix()}`, created: "2026-11-01T00:00:00Z" };

    await deliver(invoiceEvent("invoice.paid", newer, { created: "2026-11-01T00:05:00Z" }));
    const result = await processBillingEvent(await deliver(invoiceEvent("invoice.payment_failed", older, { attempt: 3, created: "2026-10-20T00:00:00Z" })));
    expect(result).toBe("processed");
    const state = await teamState(team.id);
    expect(state.status).toBe("ACTIVE");
    expect(state.sub).toMatchObject({ failedPaymentCount: 0, dunningInvoiceId: null, lastPaidInvoiceAt: new Date(newer.created) });
    expect(await runDunningJobs(team.id)).toBe(0);
    expect(await dunningEmails(team.id)).toEqual([]);
    const row = await db.billingEvent.findFirstOrThrow({ where: { source: "local", externalId: `evt_invoice.payment_failed_${older.id}_3` }, select: { status: true, error: true, teamId: true } });
    expect(row).toEqual({ status: "PROCESSED", teamId: team.id, error: "Older than the newest paid invoice: nothing changed." });
    await expectUntouched(other);
  });

  it("a crash after the state was stored resumes: the step is handed over again and sent once", async () => {
    const team = await billingTeam("dunning-crash");
    const inv: Invoice = { teamId: team.id, id: `in_local_${uniqueSuffix()}`, created: "2026-11-01T00:00:00Z" };
    const failed = await deliver(invoiceEvent("invoice.payment_failed", inv, { attempt: 3, next: null }));
    const paid = await deliver(invoiceEvent("invoice.paid", inv, { created: "2026-11-02T00:00:00Z" }));
    // As if both processes had died after their transaction: no job handed over, events not marked.
    await db.jobRun.deleteMany({ where: { job: "dunning-step", teamId: team.id } });
    await db.billingEvent.updateMany({ where: { id: { in: [failed, paid] } }, data: { status: "RECEIVED" } });

    expect(await processBillingEvent(failed)).toBe("processed");
    expect(await processBillingEvent(paid)).toBe("processed");
    expect((await teamState(team.id)).status).toBe("ACTIVE");
    // The lock notice is out of date by now (the invoice is paid); the recovery notice goes out.
    expect(await runDunningJobs(team.id)).toBe(2);
    expect(await dunningEmails(team.id)).toEqual([]);
    const unlocked = ["Payment received, team unlocked", "Payment received, team unlocked"]; // owner and admin
    expect((await notifications(team.id)).map((n) => n.title)).toEqual(unlocked);

    // The same crash again after the steps ran: handed over again, but nothing is sent twice.
    await db.jobRun.deleteMany({ where: { job: "dunning-step", teamId: team.id } });
    await db.billingEvent.updateMany({ where: { id: { in: [failed, paid] } }, data: { status: "RECEIVED" } });
    await processBillingEvent(failed);
    await processBillingEvent(paid);
    expect(await runDunningJobs(team.id)).toBe(2);
    expect((await notifications(team.id)).map((n) => n.title)).toEqual(unlocked);
    expect((await teamState(team.id)).status).toBe("ACTIVE");
  });

  it("the same event processed by two workers at once sends one warning per person", async () => {
    const team = await billingTeam("dunning-race");
    const inv: Invoice = { teamId: team.id, id: `in_local_${uniqueSuffix()}`, created: "2026-11-01T00:00:00Z" };
    const { id } = await recordBillingEvent(invoiceEvent("invoice.payment_failed", inv, { attempt: 2, next: "2026-11-06T00:00:00Z" }));
    expect(await Promise.all([processBillingEvent(id), processBillingEvent(id), processBillingEvent(id)])).toEqual(["processed", "processed", "processed"]);
    expect(await runDunningJobs(team.id)).toBe(1);
    expect((await dunningEmails(team.id)).map((e) => e.to).sort()).toEqual([team.owner.email, team.admin.email].sort());
    expect(await notifications(team.id)).toHaveLength(2);
    expect((await teamState(team.id)).sub.failedPaymentCount).toBe(2);
  });

  it("payment needing confirmation marks the method and notifies once, without counting a failure", async () => {
    const team = await billingTeam("dunning-sca");
    const inv: Invoice = { teamId: team.id, id: `in_local_${uniqueSuffix()}`, created: "2026-11-01T00:00:00Z" };
    const event = invoiceEvent("invoice.payment_action_required", inv, { attempt: 1 });
    await deliver(event);
    await deliver({ ...event, id: `${event.id}_again` });
    const state = await teamState(team.id);
    expect(state.status).toBe("ACTIVE");
    expect(state.sub).toMatchObject({ paymentMethodStatus: "action_required", failedPaymentCount: 0 });
    expect(await runDunningJobs(team.id)).toBe(1);
    expect((await notifications(team.id)).map((n) => n.title)).toEqual(["Payment needs your confirmation", "Payment needs your confirmation"]);
    expect(await dunningEmails(team.id)).toEqual([]);
  });

  it("a READ_ONLY team stays READ_ONLY through dunning and recovery", async () => {
    const team = await billingTeam("dunning-readonly");
    await db.team.update({ where: { id: team.id }, data: { status: "READ_ONLY", statusReason: "Moving to its own database" } });
    const inv: Invoice = { teamId: team.id, id: `in_local_${uniqueSuffix()}`, created: "2026-11-01T00:00:00Z" };
    await deliver(invoiceEvent("invoice.payment_failed", inv, { attempt: 3 }));
    expect(await teamState(team.id)).toMatchObject({ status: "READ_ONLY", statusReason: "Moving to its own database" });
    await deliver(invoiceEvent("invoice.paid", inv, { created: "2026-11-02T00:00:00Z" }));
    expect(await teamState(team.id)).toMatchObject({ status: "READ_ONLY", statusReason: "Moving to its own database" });
  });

  it("an event for a team that does not exist is ignored", async () => {
    const event = invoiceEvent("invoice.payment_failed", { teamId: "no-such-team", id: `in_local_${uniqueSuffix()}`, created: "2026-11-01T00:00:00Z" });
    const { id } = await recordBillingEvent(event);
    expect(await processBillingEvent(id)).toBe("ignored");
    expect(await processBillingEvent(id)).toBe("ignored");
    expect(await db.billingEvent.findUniqueOrThrow({ where: { id }, select: { status: true, teamId: true } })).toEqual({ status: "IGNORED", teamId: null });
  });
});
