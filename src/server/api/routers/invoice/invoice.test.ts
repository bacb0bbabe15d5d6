import { beforeAll, describe, expect, it } from "vitest";
import { addMember, callerFor, createTeam, type TestTeam, type TestUser } from "../../../../../test/factories";
import { errorOf, fieldsOf } from "../../../../../test/trpc-errors";
import { getTenantDb } from "@/server/db/get-tenant-db";
import { emitInvoiceEvent } from "@/server/services/invoices/events";
import { markOverdueInvoices } from "@/server/services/invoices/invoices";
import type { RouterInputs } from "@/trpc/react";

let a: TestTeam;
let b: TestTeam;
let staffOfA: TestUser;
let managerOfA: TestUser;
let customerOfA: string;
let customerOfB: string;

beforeAll(async () => {
  [a, b] = await Promise.all([createTeam("inv-a"), createTeam("inv-b")]);
  [staffOfA, managerOfA] = await Promise.all([addMember(a.id, "STAFF"), addMember(a.id, "MANAGER")]);
  customerOfA = (await callerFor(a.owner, a.id).customer.create({ name: "PT Maju Jaya", email: "billing@maju.example" })).id;
  customerOfB = (await callerFor(b.owner, b.id).customer.create({ name: "CV Lain" })).id;
});

type CreateInput = RouterInputs["invoice"]["create"];

function invoiceInput(overrides: Partial<CreateInput> = {}): CreateInput {
  return {
    customerId: customerOfA,
    currency: "IDR",
    issueDate: "2026-11-01",
    dueDate: "2026-11-15",
    taxRate: "11",
    discount: "10",
    notes: "Terima kasih",
    lines: [
      { description: "Consulting", quantity: "2", unitPrice: "1500000.50" },
      { description: "Travel", quantity: "1.5", unitPrice: "200000" },
    ],
    ...overrides,
  };
}

async function eventsOf(teamId: string, subjectId: string) {
  const db = await getTenantDb(teamId);
  const events = await db.domainEvent.findMany({ where: { subjectId }, orderBy: { createdAt: "asc" }, select: { type: true, payload: true } });
  return events;
}

describe("invoice router", () => {
  it("creates a draft with computed totals, a yearly number and one invoice.created event", async () => {
    const api = callerFor(a.owner, a.id);
    const invoice = await api.invoice.create(invoiceInput());
    // 2 × 1,500,000.50 + 1.5 × 200,000 = 3,300,001.00; −10% = 330,000.10; +11% of 2,970,000.90 = 326,700.10 (099 → half up)
    expect(invoice.lines.map((l) => [l.position, l.quantityMilli, l.unitPriceMinor, l.amountMinor])).toEqual([
      [0, 2000, 150_000_050n, 300_000_100n],
      [1, 1500, 20_000_000n, 30_000_000n],
    ]);
    expect(invoice.subtotalMinor).toBe(330_000_100n);
    expect(invoice.discountMinor).toBe(33_000_010n);
    expect(invoice.taxMinor).toBe(32_670_010n);
    expect(invoice.totalMinor).toBe(330_000_100n - 33_000_010n + 32_670_010n);
    expect(invoice).toMatchObject({
      status: "DRAFT",
      effectiveStatus: "DRAFT",
      currency: "IDR",
      issueDate: "2026-11-01",
      dueDate: "2026-11-15",
      taxRateBps: 1100,
      discountBps: 1000,
      notes: "Terima kasih",
      version: 1,
      createdById: a.owner.id,
      customer: { id: customerOfA, name: "PT Maju Jaya" },
    });
    expect(invoice.number).toMatch(/^INV-2026-\d{4}$/);
    const next = await api.invoice.create(invoiceInput());
    expect(Number(next.number.slice(-4))).toBe(Number(invoice.number.slice(-4)) + 1);
    const otherYear = await api.invoice.create(invoiceInput({ issueDate: "2025-12-30", dueDate: "2026-01-10" }));
    expect(otherYear.number).toBe("INV-2025-0001");
    expect(await eventsOf(a.id, invoice.id)).toEqual([
      { type: "invoice.created", payload: expect.objectContaining({ number: invoice.number, status: "DRAFT", totalMinor: invoice.totalMinor.toString() }) },
    ]);
  });

  it("gives 10 concurrent creations 10 consecutive numbers, the year's first included", async () => {
    const api = callerFor(a.owner, a.id);
    // 2027 has no counter yet: the creations race to start it, then queue on it.
    const created = await Promise.all(Array.from({ length: 10 }, () => api.invoice.create(invoiceInput({ issueDate: "2027-03-01", dueDate: "2027-03-10" }))));
    expect(created.map((i) => i.number).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `INV-2027-${String(i + 1).padStart(4, "0")}`));
    for (const invoice of created) expect((await eventsOf(a.id, invoice.id)).map((e) => e.type)).toEqual(["invoice.created"]);
    // And again once the counter exists.
    const more = await Promise.all(Array.from({ length: 10 }, () => api.invoice.create(invoiceInput({ issueDate: "2027-04-01", dueDate: "2027-04-10" }))));
    expect(more.map((i) => i.number).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `INV-2027-${String(i + 11).padStart(4, "0")}`));
  });

  it("never gives out a number again, even after the draft that had it is deleted; each team counts on its own", async () => {
    const api = callerFor(a.owner, a.id);
    const input = invoiceInput({ issueDate: "2028-01-10", dueDate: "2028-01-20" });
    const first = await api.invoice.create(input);
    const highest = await api.invoice.create(input);
    expect([first.number, highest.number]).toEqual(["INV-2028-0001", "INV-2028-0002"]);
    await api.invoice.delete({ id: highest.id, expectedVersion: highest.version });
    expect((await api.invoice.create(input)).number).toBe("INV-2028-0003");

    // Team B's 2028 starts at 1, and A's counter is not moved by it.
    const inB = callerFor(b.owner, b.id);
    expect((await inB.invoice.create({ ...input, customerId: customerOfB })).number).toBe("INV-2028-0001");
    expect((await api.invoice.create(input)).number).toBe("INV-2028-0004");
    expect((await inB.invoice.create({ ...input, customerId: customerOfB })).number).toBe("INV-2028-0002");
  });

  it("starts a year's counter after the numbers already issued, and says so when a number is taken behind its back", async () => {
    const api = callerFor(a.owner, a.id);
    const db = await getTenantDb(a.id);
    const raw = (number: string, year: number) =>
      db.invoice.create({
        data: { number, customerId: customerOfA, currency: "IDR", issueDate: new Date(Date.UTC(year, 0, 5)), dueDate: new Date(Date.UTC(year, 0, 9)) },
        select: { id: true },
      });
    // Issued before the year had a counter (as the migration's backfill finds them).
    await raw("INV-2030-0041", 2030);
    expect((await api.invoice.create(invoiceInput({ issueDate: "2030-02-01", dueDate: "2030-02-10" }))).number).toBe("INV-2030-0042");

    // A number the counter has not reached yet, written outside the app: a clear 409, not a 500.
    await raw("INV-2030-0043", 2030);
    const taken = await errorOf(api.invoice.create(invoiceInput({ issueDate: "2030-02-01", dueDate: "2030-02-10" })));
    expect(taken.code).toBe("CONFLICT");
    expect(taken.message).toBe("The next invoice number is already used by another invoice. Ask an administrator to check the invoice numbering.");
  });

  it("refuses a version beyond the database's integer range with a 400, for invoices and tasks", async () => {
    const api = callerFor(a.owner, a.id);
    const invoice = await api.invoice.create(invoiceInput());
    const tooBig = 2 ** 31;
    const message = "That version number is not valid. Reload and try again.";
    const refusals = [
      api.invoice.update({ id: invoice.id, expectedVersion: tooBig, data: { notes: "x" } }),
      api.invoice.send({ id: invoice.id, expectedVersion: tooBig }),
      api.invoice.delete({ id: invoice.id, expectedVersion: tooBig }),
      api.task.move({ id: "some-task", columnId: "some-column", expectedVersion: tooBig }),
      api.task.update({ id: "some-task", expectedVersion: tooBig, data: { title: "x" } }),
    ];
    for (const refusal of refusals) {
      const error = await errorOf(refusal);
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toContain(message);
      expect(fieldsOf(error)).toEqual(["expectedVersion"]);
    }
    // The largest integer is a valid version: it reaches the database and is simply stale.
    const stale = await errorOf(api.invoice.update({ id: invoice.id, expectedVersion: 2 ** 31 - 1, data: { notes: "x" } }));
    expect(stale.code).toBe("CONFLICT");
  });

  it("stores IDR totals beyond 2^31 and 2^53 minor units exactly", async () => {
    const invoice = await callerFor(a.owner, a.id).invoice.create(
      invoiceInput({ taxRate: "11", discount: "0", lines: [{ description: "Tower", quantity: "5000", unitPrice: "987654321987.65" }] }),
    );
    expect(invoice.subtotalMinor).toBe(493_827_160_993_825_000n);
    expect(invoice.totalMinor).toBe(548_148_148_703_145_750n);
    const again = await callerFor(a.owner, a.id).invoice.get({ id: invoice.id });
    expect(again.totalMinor).toBe(548_148_148_703_145_750n);
  });

  it("uses the currency's minor units: none for JPY, and refuses extra decimals beside the field", async () => {
    const api = callerFor(a.owner, a.id);
    const yen = await api.invoice.create(invoiceInput({ currency: "JPY", discount: "0", taxRate: "10", lines: [{ description: "Item", quantity: "3", unitPrice: "333" }] }));
    expect([yen.subtotalMinor, yen.taxMinor, yen.totalMinor]).toEqual([999n, 100n, 1099n]);
    const fraction = await errorOf(api.invoice.create(invoiceInput({ currency: "JPY", lines: [{ description: "Item", quantity: "1", unitPrice: "10.5" }] })));
    expect(fraction.code).toBe("BAD_REQUEST");
    expect(fraction.message).toBe("This currency has no decimals: enter a whole amount.");
    expect(fieldsOf(fraction)).toEqual(["lines.0.unitPrice"]);
    const idr = await errorOf(api.invoice.create(invoiceInput({ lines: [{ description: "Item", quantity: "1", unitPrice: "10.555" }] })));
    expect(idr.message).toBe("Use at most 2 decimals for this currency.");
    expect(fieldsOf(idr)).toEqual(["lines.0.unitPrice"]);
  });

  it("refuses malformed input with a 400 naming the field", async () => {
    const api = callerFor(a.owner, a.id);
    const cases: Array<[Partial<CreateInput>, string]> = [
      [{ lines: [{ description: "x", quantity: "1", unitPrice: "1,500,000" }] }, "lines.0.unitPrice"],
      [{ lines: [{ description: "x", quantity: "0", unitPrice: "1" }] }, "lines.0.quantity"],
      [{ lines: [{ description: " ", quantity: "1", unitPrice: "1" }] }, "lines.0.description"],
      [{ discount: "120" }, "discount"],
      [{ taxRate: "eleven" }, "taxRate"],
      [{ issueDate: "2026-02-30" }, "issueDate"],
      [{ currency: "XYZ" as CreateInput["currency"] }, "currency"],
    ];
    for (const [override, field] of cases) {
      const error = await errorOf(api.invoice.create(invoiceInput(override)));
      expect(error.code, field).toBe("BAD_REQUEST");
      expect(fieldsOf(error), field).toEqual([field]);
    }
    const due = await errorOf(api.invoice.create(invoiceInput({ dueDate: "2026-10-01" })));
    expect([due.code, due.message, fieldsOf(due)]).toEqual(["BAD_REQUEST", "The due date cannot be before the issue date.", ["dueDate"]]);
    const missing = await errorOf(api.invoice.create(invoiceInput({ customerId: "nope" })));
    expect(missing.code).toBe("NOT_FOUND");
  });

  it("recomputes totals on update, replaces lines, and refuses a stale version", async () => {
    const api = callerFor(a.owner, a.id);
    const invoice = await api.invoice.create(invoiceInput());
    const updated = await api.invoice.update({
      id: invoice.id,
      expectedVersion: invoice.version,
      data: { discount: "0", lines: [{ description: "Only line", quantity: "1", unitPrice: "1000" }] },
    });
    expect(updated.lines.map((l) => [l.description, l.amountMinor])).toEqual([["Only line", 100_000n]]);
    expect([updated.subtotalMinor, updated.discountMinor, updated.taxMinor, updated.totalMinor]).toEqual([100_000n, 0n, 11_000n, 111_000n]);
    expect(updated.version).toBe(invoice.version + 1);
    // Tax only: the stored lines are kept and the totals follow.
    const taxed = await api.invoice.update({ id: invoice.id, expectedVersion: updated.version, data: { taxRate: "12" } });
    expect([taxed.lines.length, taxed.taxMinor, taxed.totalMinor]).toEqual([1, 12_000n, 112_000n]);
    const stale = await errorOf(api.invoice.update({ id: invoice.id, expectedVersion: invoice.version, data: { notes: "late" } }));
    expect(stale.code).toBe("CONFLICT");
    const currency = await errorOf(api.invoice.update({ id: invoice.id, expectedVersion: taxed.version, data: { currency: "USD" } }));
    expect(currency.code).toBe("BAD_REQUEST");
    expect((await eventsOf(a.id, invoice.id)).map((e) => e.type)).toEqual(["invoice.created", "invoice.updated", "invoice.updated"]);
  });

  it("walks the life cycle with one event per transition and refuses what the life cycle forbids", async () => {
    const api = callerFor(a.owner, a.id);
    const empty = await api.invoice.create(invoiceInput({ lines: [] }));
    const noLines = await errorOf(api.invoice.send({ id: empty.id, expectedVersion: empty.version }));
    expect([noLines.code, noLines.message]).toEqual(["BAD_REQUEST", "Add at least one line item before sending the invoice."]);

    const draft = await api.invoice.create(invoiceInput());
    const sent = await api.invoice.send({ id: draft.id, expectedVersion: draft.version });
    expect(sent).toMatchObject({ status: "SENT", version: draft.version + 1 });
    expect(sent.sentAt).toBeInstanceOf(Date);
    expect((await errorOf(api.invoice.send({ id: draft.id, expectedVersion: sent.version }))).code).toBe("CONFLICT");
    const paid = await api.invoice.markPaid({ id: draft.id, expectedVersion: sent.version });
    expect(paid.status).toBe("PAID");
    expect(paid.paidAt).toBeInstanceOf(Date);
    for (const refused of [
      () => api.invoice.update({ id: draft.id, expectedVersion: paid.version, data: { notes: "edit after payment" } }),
      () => api.invoice.void({ id: draft.id, expectedVersion: paid.version }),
      () => api.invoice.delete({ id: draft.id, expectedVersion: paid.version }),
    ]) {
      expect((await errorOf(refused())).code).toBe("CONFLICT");
    }
    expect((await eventsOf(a.id, draft.id)).map((e) => e.type)).toEqual(["invoice.created", "invoice.sent", "invoice.paid"]);

    const toVoid = await api.invoice.create(invoiceInput());
    const voided = await api.invoice.void({ id: toVoid.id, expectedVersion: toVoid.version });
    expect(voided.status).toBe("VOID");
    const edit = await errorOf(api.invoice.update({ id: toVoid.id, expectedVersion: voided.version, data: { notes: "x" } }));
    expect(edit.message).toBe("This invoice is void: it can no longer be changed.");
    expect((await errorOf(api.invoice.markPaid({ id: toVoid.id, expectedVersion: voided.version }))).code).toBe("CONFLICT");
    expect((await eventsOf(a.id, toVoid.id)).map((e) => e.type)).toEqual(["invoice.created", "invoice.voided"]);

    const toDelete = await api.invoice.create(invoiceInput());
    expect(await api.invoice.delete({ id: toDelete.id, expectedVersion: toDelete.version })).toEqual({ id: toDelete.id });
    expect((await errorOf(api.invoice.get({ id: toDelete.id }))).code).toBe("NOT_FOUND");
    expect((await eventsOf(a.id, toDelete.id)).map((e) => e.type)).toEqual(["invoice.created", "invoice.deleted"]);
  });

  it("emits nothing when the write fails", async () => {
    const api = callerFor(a.owner, a.id);
    const invoice = await api.invoice.create(invoiceInput());
    // Fails inside the transaction, after the invoice row was locked for the change.
    expect((await errorOf(api.invoice.update({ id: invoice.id, expectedVersion: invoice.version, data: { customerId: customerOfB } }))).code).toBe("NOT_FOUND");
    expect((await errorOf(api.invoice.markPaid({ id: invoice.id, expectedVersion: invoice.version }))).code).toBe("CONFLICT");
    expect((await errorOf(api.invoice.send({ id: invoice.id, expectedVersion: invoice.version + 7 }))).code).toBe("CONFLICT");
    expect((await eventsOf(a.id, invoice.id)).map((e) => e.type)).toEqual(["invoice.created"]);
    expect(await api.invoice.get({ id: invoice.id })).toMatchObject({ version: invoice.version, customerId: customerOfA, status: "DRAFT" });

    // An event written in a transaction that then fails is rolled back with it.
    const db = await getTenantDb(a.id);
    await expect(
      db.$transaction(async (tx) => {
        await emitInvoiceEvent(tx, "invoice.paid", { ...invoice, issueDate: new Date(invoice.issueDate), dueDate: new Date(invoice.dueDate) });
        throw new Error("the write after the event failed");
      }),
    ).rejects.toThrow("the write after the event failed");
    expect((await eventsOf(a.id, invoice.id)).map((e) => e.type)).toEqual(["invoice.created"]);
  });

  it("lists with filters: shown status, customer, issue-date range and number", async () => {
    const team = await createTeam("inv-list");
    const api = callerFor(team.owner, team.id);
    const [c1, c2] = await Promise.all([api.customer.create({ name: "Alpha" }), api.customer.create({ name: "Beta" })]);
    const base = { currency: "IDR" as const, taxRate: "11", discount: "0", notes: null, lines: [{ description: "x", quantity: "1", unitPrice: "100" }] };
    const draft = await api.invoice.create({ ...base, customerId: c1.id, issueDate: "2026-01-10", dueDate: "2026-01-20" });
    const pastDue = await api.invoice.create({ ...base, customerId: c2.id, issueDate: "2020-01-01", dueDate: "2020-01-15" });
    const current = await api.invoice.create({ ...base, customerId: c2.id, issueDate: "2026-06-01", dueDate: "2999-01-01" });
    await api.invoice.send({ id: pastDue.id, expectedVersion: pastDue.version });
    await api.invoice.send({ id: current.id, expectedVersion: current.version });
    const ids = async (input: RouterInputs["invoice"]["list"]) => (await api.invoice.list(input)).items.map((i) => i.id);

    expect(await ids({ limit: 50 })).toEqual([current.id, draft.id, pastDue.id]);
    expect(await ids({ status: "OVERDUE", limit: 50 })).toEqual([pastDue.id]);
    expect(await ids({ status: "SENT", limit: 50 })).toEqual([current.id]);
    expect(await ids({ status: "DRAFT", limit: 50 })).toEqual([draft.id]);
    expect(await ids({ customerId: c2.id, limit: 50 })).toEqual([current.id, pastDue.id]);
    expect(await ids({ from: "2026-01-01", to: "2026-03-31", limit: 50 })).toEqual([draft.id]);
    expect(await ids({ search: pastDue.number.toLowerCase(), limit: 50 })).toEqual([pastDue.id]);
    expect(await ids({ search: "alph", limit: 50 })).toEqual([draft.id]);
    const listed = (await api.invoice.list({ status: "OVERDUE", limit: 50 })).items[0];
    expect(listed).toMatchObject({ status: "SENT", effectiveStatus: "OVERDUE", customer: { name: "Beta" } });
    const page = await api.invoice.list({ limit: 2 });
    expect(page.items).toHaveLength(2);
    expect((await api.invoice.list({ limit: 2, cursor: page.nextCursor ?? undefined })).items.map((i) => i.id)).toEqual([pastDue.id]);
    expect((await errorOf(api.invoice.list({ from: "2026-02-01", to: "2026-01-01", limit: 50 }))).code).toBe("BAD_REQUEST");
  });

  it("marks sent invoices past their due date overdue, once, with one event each", async () => {
    const team = await createTeam("inv-overdue");
    const api = callerFor(team.owner, team.id);
    const customer = await api.customer.create({ name: "Late payer" });
    const base = { customerId: customer.id, currency: "USD" as const, taxRate: "0", discount: "0", lines: [{ description: "x", quantity: "1", unitPrice: "10" }] };
    const late = await api.invoice.create({ ...base, issueDate: "2026-01-01", dueDate: "2026-01-31" });
    const onTime = await api.invoice.create({ ...base, issueDate: "2026-01-01", dueDate: "2026-02-01" });
    const draft = await api.invoice.create({ ...base, issueDate: "2026-01-01", dueDate: "2026-01-05" });
    for (const invoice of [late, onTime]) await api.invoice.send({ id: invoice.id, expectedVersion: invoice.version });
    // Team A has sent invoices past due as well: they are not this team's to mark.
    const aPast = await callerFor(a.owner, a.id).invoice.create(invoiceInput({ issueDate: "2020-01-01", dueDate: "2020-01-02" }));
    await callerFor(a.owner, a.id).invoice.send({ id: aPast.id, expectedVersion: aPast.version });

    const db = await getTenantDb(team.id);
    expect(await markOverdueInvoices(db, "2026-02-01")).toEqual({ marked: 1 });
    expect(await markOverdueInvoices(db, "2026-02-01")).toEqual({ marked: 0 });
    expect((await api.invoice.get({ id: late.id })).status).toBe("OVERDUE");
    expect((await api.invoice.get({ id: onTime.id })).status).toBe("SENT");
    expect((await api.invoice.get({ id: draft.id })).status).toBe("DRAFT");
    expect((await eventsOf(team.id, late.id)).map((e) => e.type)).toEqual(["invoice.created", "invoice.sent", "invoice.overdue"]);
    expect((await callerFor(a.owner, a.id).invoice.get({ id: aPast.id })).status).toBe("SENT");

    // Still payable; moving the due date ahead makes it current again.
    const overdue = await api.invoice.get({ id: late.id });
    const moved = await api.invoice.update({ id: late.id, expectedVersion: overdue.version, data: { dueDate: "2999-12-31" } });
    expect(moved.status).toBe("SENT");
    const paid = await api.invoice.markPaid({ id: late.id, expectedVersion: moved.version });
    expect(paid.status).toBe("PAID");
  });

  it("shows team B nothing of team A and lets it change nothing", async () => {
    const apiA = callerFor(a.owner, a.id);
    const secret = await apiA.invoice.create(invoiceInput({ notes: "A only" }));
    const apiB = callerFor(b.owner, b.id);
    expect((await apiB.invoice.list()).items.map((i) => i.id)).not.toContain(secret.id);
    for (const call of [
      () => apiB.invoice.get({ id: secret.id }),
      () => apiB.invoice.update({ id: secret.id, expectedVersion: secret.version, data: { notes: "stolen" } }),
      () => apiB.invoice.send({ id: secret.id, expectedVersion: secret.version }),
      () => apiB.invoice.markPaid({ id: secret.id, expectedVersion: secret.version }),
      () => apiB.invoice.void({ id: secret.id, expectedVersion: secret.version }),
      () => apiB.invoice.delete({ id: secret.id, expectedVersion: secret.version }),
      () => apiB.invoice.create({ ...invoiceInput(), customerId: customerOfA }),
    ]) {
      const error = await errorOf(call());
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).not.toContain("A only");
    }
    expect(await eventsOf(b.id, secret.id)).toEqual([]);
    expect(await apiA.invoice.get({ id: secret.id })).toMatchObject({ notes: "A only", status: "DRAFT", version: secret.version });
    expect((await eventsOf(a.id, secret.id)).map((e) => e.type)).toEqual(["invoice.created"]);
  });

  it("forbids staff everything, and managers deleting", async () => {
    const staff = callerFor(staffOfA, a.id);
    const invoice = await callerFor(a.owner, a.id).invoice.create(invoiceInput());
    for (const call of [
      () => staff.invoice.list(),
      () => staff.invoice.get({ id: invoice.id }),
      () => staff.invoice.create(invoiceInput()),
      () => staff.invoice.update({ id: invoice.id, expectedVersion: invoice.version, data: { notes: "staff" } }),
      () => staff.invoice.send({ id: invoice.id, expectedVersion: invoice.version }),
      () => staff.invoice.delete({ id: invoice.id, expectedVersion: invoice.version }),
    ]) {
      expect((await errorOf(call())).code).toBe("FORBIDDEN");
    }
    const manager = callerFor(managerOfA, a.id);
    const own = await manager.invoice.create(invoiceInput());
    expect(own.createdById).toBe(managerOfA.id);
    expect((await errorOf(manager.invoice.delete({ id: own.id, expectedVersion: own.version }))).code).toBe("FORBIDDEN");
    expect((await eventsOf(a.id, invoice.id)).map((e) => e.type)).toEqual(["invoice.created"]);
  });

  it("refuses writes of a read-only team but still lists", async () => {
    const locked = await createTeam("inv-locked", "READ_ONLY");
    const api = callerFor(locked.owner, locked.id);
    await expect(api.invoice.list()).resolves.toMatchObject({ items: [] });
    expect((await errorOf(api.customer.create({ name: "nope" }))).code).toBe("FORBIDDEN");
  });
});
