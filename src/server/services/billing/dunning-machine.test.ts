import { describe, expect, it } from "vitest";
import { decideDunning, dunningStepKey, parseDunningStepKey, type DunningInvoice, type DunningState } from "./dunning-machine";

const healthy: DunningState = {
  subscriptionStatus: "ACTIVE",
  paymentMethodStatus: "ok",
  failedPaymentCount: 0,
  dunningInvoiceId: null,
  dunningInvoiceAt: null,
  nextPaymentAttemptAt: null,
  lastPaidInvoiceAt: null,
  teamStatus: "ACTIVE",
  teamStatusReason: null,
};

const nov = new Date("2026-11-01T00:00:00Z");
const dec = new Date("2026-12-01T00:00:00Z");
const invoice = (id: string, created: Date, alreadyPaid = false): DunningInvoice => ({ id, label: `INV-${id}`, created, alreadyPaid });
const retry = (day: number) => new Date(Date.UTC(2026, 10, day));

function fail(state: DunningState, inv: DunningInvoice, attempt: number, next: Date | null = retry(attempt + 3)) {
  return decideDunning(state, { kind: "payment_failed", invoice: inv, attempt, nextPaymentAttemptAt: next });
}

describe("dunning state machine", () => {
  it("1st and 2nd failure: past due, failing, warned once each, not locked", () => {
    const first = fail(healthy, invoice("a", nov), 1);
    expect(first.next).toMatchObject({ subscriptionStatus: "PAST_DUE", paymentMethodStatus: "failing", failedPaymentCount: 1, dunningInvoiceId: "a", dunningInvoiceAt: nov, nextPaymentAttemptAt: retry(4), teamStatus: "ACTIVE" });
    expect(first.steps).toEqual([{ action: "warn", invoiceId: "a", attempt: 1 }]);

    const second = fail(first.next, invoice("a", nov), 2);
    expect(second.next).toMatchObject({ failedPaymentCount: 2, nextPaymentAttemptAt: retry(5), teamStatus: "ACTIVE", teamStatusReason: null });
    expect(second.steps).toEqual([{ action: "warn", invoiceId: "a", attempt: 2 }]);
  });

  it("3rd failure locks the team with a reason naming the invoice", () => {
    const two = fail(fail(healthy, invoice("a", nov), 1).next, invoice("a", nov), 2).next;
    const third = fail(two, invoice("a", nov), 3, null);
    expect(third.next).toMatchObject({ failedPaymentCount: 3, teamStatus: "SOFT_LOCKED", nextPaymentAttemptAt: null });
    expect(third.next.teamStatusReason).toBe("Payment failed 3 times (invoice INV-a); update the payment method in Billing settings.");
    expect(third.steps).toEqual([{ action: "lock", invoiceId: "a", attempt: 3 }]);
    // A 4th attempt keeps it locked (and tells again).
    expect(fail(third.next, invoice("a", nov), 4).next).toMatchObject({ failedPaymentCount: 4, teamStatus: "SOFT_LOCKED" });
  });

  it("a late delivery of an earlier attempt changes nothing and says nothing", () => {
    const third = fail(healthy, invoice("a", nov), 3);
    const late = fail(third.next, invoice("a", nov), 1);
    expect(late).toEqual({ next: third.next, steps: [], skipped: "stale-attempt" });
  });

  it("the same attempt again (a replay) keeps the state and decides the same step", () => {
    const once = fail(healthy, invoice("a", nov), 2);
    const again = fail(once.next, invoice("a", nov), 2);
    expect(again.next).toEqual(once.next);
    expect(again.steps).toEqual(once.steps);
  });

  it("a first failure reported as attempt 3 locks at once (max of stored and attempt)", () => {
    expect(fail(healthy, invoice("a", nov), 3).next.teamStatus).toBe("SOFT_LOCKED");
  });

  it("a READ_ONLY team is not turned into SOFT_LOCKED", () => {
    const decision = fail({ ...healthy, teamStatus: "READ_ONLY", teamStatusReason: "moving" }, invoice("a", nov), 3);
    expect(decision.next).toMatchObject({ teamStatus: "READ_ONLY", teamStatusReason: "moving", failedPaymentCount: 3 });
  });

  it("payment of the invoice being collected recovers at once", () => {
    const locked = fail(healthy, invoice("a", nov), 3).next;
    const paid = decideDunning(locked, { kind: "paid", invoice: invoice("a", nov) });
    expect(paid.next).toEqual({ ...healthy, lastPaidInvoiceAt: nov });
    expect(paid.steps).toEqual([{ action: "recover", invoiceId: "a", attempt: 3 }]);
  });

  it("payment of a newer invoice also recovers; of an older one does not", () => {
    const locked = fail(healthy, invoice("b", dec), 3).next;
    expect(decideDunning(locked, { kind: "paid", invoice: invoice("c", new Date("2027-01-01T00:00:00Z")) }).next.teamStatus).toBe("ACTIVE");
    const older = decideDunning(locked, { kind: "paid", invoice: invoice("a", nov) });
    expect(older.next).toMatchObject({ teamStatus: "SOFT_LOCKED", failedPaymentCount: 3, lastPaidInvoiceAt: nov, paymentMethodStatus: "failing" });
    expect(older.steps).toEqual([]);
  });

  it("a failure of an invoice older than the newest paid one is history", () => {
    const paid = decideDunning(healthy, { kind: "paid", invoice: invoice("b", dec) }).next;
    expect(paid.lastPaidInvoiceAt).toEqual(dec);
    const late = fail(paid, invoice("a", nov), 3);
    expect(late).toEqual({ next: paid, steps: [], skipped: "older-than-paid" });
  });

  it("a failure of an invoice already paid is history", () => {
    expect(fail(healthy, invoice("a", nov, true), 3)).toMatchObject({ next: healthy, steps: [], skipped: "already-paid" });
  });

  it("lastPaidInvoiceAt only moves forward", () => {
    const paid = decideDunning(healthy, { kind: "paid", invoice: invoice("b", dec) }).next;
    expect(decideDunning(paid, { kind: "paid", invoice: invoice("a", nov) }).next.lastPaidInvoiceAt).toEqual(dec);
  });

  it("an older invoice failing during dunning counts but does not take over", () => {
    const newer = fail(healthy, invoice("b", dec), 1).next;
    const older = fail(newer, invoice("a", nov), 2);
    expect(older.next).toMatchObject({ dunningInvoiceId: "b", dunningInvoiceAt: dec, failedPaymentCount: 2 });
  });

  it("payment needing confirmation: action_required, no count, no lock", () => {
    const decision = decideDunning(healthy, { kind: "action_required", invoice: invoice("a", nov), attempt: 1 });
    expect(decision.next).toEqual({ ...healthy, paymentMethodStatus: "action_required" });
    expect(decision.steps).toEqual([{ action: "action_required", invoiceId: "a", attempt: 1 }]);
    expect(decideDunning(decision.next, { kind: "paid", invoice: invoice("a", nov) }).next.paymentMethodStatus).toBe("ok");
  });

  it("a canceled subscription stays canceled through dunning", () => {
    expect(fail({ ...healthy, subscriptionStatus: "CANCELED" }, invoice("a", nov), 1).next.subscriptionStatus).toBe("CANCELED");
  });

  it("step keys round-trip", () => {
    const step = { action: "recover" as const, invoiceId: "in_local_ab:cd", attempt: 3 };
    expect(parseDunningStepKey(dunningStepKey(step))).toEqual(step);
    expect(parseDunningStepKey("upsell:80:team")).toBeNull();
    expect(parseDunningStepKey("dunning:explode:in_1:1")).toBeNull();
  });
});
