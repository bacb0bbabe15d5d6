import { beforeAll, describe, expect, it } from "vitest";
import { addMember, callerFor, createTeam, type TestTeam } from "../../../../../test/factories";
import { errorOf, fieldsOf } from "../../../../../test/trpc-errors";

let a: TestTeam;
let b: TestTeam;

beforeAll(async () => {
  [a, b] = await Promise.all([createTeam("cust-a"), createTeam("cust-b")]);
});

describe("customer router", () => {
  it("creates, lists, searches, gets, updates and deletes", async () => {
    const api = callerFor(a.owner, a.id);
    const created = await api.customer.create({ name: "  PT Sinar  ", email: "ap@sinar.example", phone: "", taxId: "01.234.567.8-901.000" });
    expect(created).toMatchObject({ name: "PT Sinar", email: "ap@sinar.example", phone: null, address: null, taxId: "01.234.567.8-901.000" });
    await api.customer.create({ name: "Another" });
    expect((await api.customer.list({ search: "sinar", limit: 100 })).items.map((c) => c.id)).toEqual([created.id]);
    expect(await api.customer.get({ id: created.id })).toMatchObject({ name: "PT Sinar", invoiceCount: 0 });
    const updated = await api.customer.update({ id: created.id, data: { address: "Jl. Thamrin 2", email: "" } });
    expect(updated).toMatchObject({ address: "Jl. Thamrin 2", email: null, name: "PT Sinar" });
    expect(await api.customer.delete({ id: created.id })).toEqual({ id: created.id });
    expect((await errorOf(api.customer.get({ id: created.id }))).code).toBe("NOT_FOUND");
  });

  it("keeps a customer that has invoices", async () => {
    const api = callerFor(a.owner, a.id);
    const customer = await api.customer.create({ name: "Billed" });
    await api.invoice.create({
      customerId: customer.id,
      currency: "IDR",
      issueDate: "2026-11-01",
      dueDate: "2026-11-10",
      taxRate: "11",
      discount: "0",
      lines: [],
    });
    const error = await errorOf(api.customer.delete({ id: customer.id }));
    expect([error.code, error.message]).toEqual(["CONFLICT", "This customer has invoices, so it cannot be deleted."]);
    expect((await api.customer.list()).items.find((c) => c.id === customer.id)?.invoiceCount).toBe(1);
  });

  it("refuses bad input with a 400 naming the field", async () => {
    const api = callerFor(a.owner, a.id);
    for (const [input, field] of [
      [{ name: " " }, "name"],
      [{ name: "x", email: "not-an-email" }, "email"],
      [{ name: "x", taxId: "9".repeat(51) }, "taxId"],
    ] as const) {
      const error = await errorOf(api.customer.create(input));
      expect(error.code).toBe("BAD_REQUEST");
      expect(fieldsOf(error)).toEqual([field]);
    }
    expect((await errorOf(api.customer.update({ id: "x", data: {} }))).code).toBe("BAD_REQUEST");
  });

  it("shows team B nothing of team A and lets it change nothing", async () => {
    const secret = await callerFor(a.owner, a.id).customer.create({ name: "A's secret customer" });
    const apiB = callerFor(b.owner, b.id);
    expect((await apiB.customer.list()).items.map((c) => c.id)).not.toContain(secret.id);
    for (const call of [
      () => apiB.customer.get({ id: secret.id }),
      () => apiB.customer.update({ id: secret.id, data: { name: "stolen" } }),
      () => apiB.customer.delete({ id: secret.id }),
    ]) {
      const error = await errorOf(call());
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).not.toContain("secret");
    }
    expect(await callerFor(a.owner, a.id).customer.get({ id: secret.id })).toMatchObject({ name: "A's secret customer" });
  });

  it("is forbidden to staff, and deleting to managers", async () => {
    const [staff, manager] = await Promise.all([addMember(a.id, "STAFF"), addMember(a.id, "MANAGER")]);
    const target = await callerFor(a.owner, a.id).customer.create({ name: "Target" });
    for (const call of [
      () => callerFor(staff, a.id).customer.list(),
      () => callerFor(staff, a.id).customer.create({ name: "by staff" }),
      () => callerFor(staff, a.id).customer.update({ id: target.id, data: { name: "by staff" } }),
      () => callerFor(manager, a.id).customer.delete({ id: target.id }),
    ]) {
      expect((await errorOf(call())).code).toBe("FORBIDDEN");
    }
    await expect(callerFor(manager, a.id).customer.update({ id: target.id, data: { phone: "+62 21 555" } })).resolves.toMatchObject({ phone: "+62 21 555" });
  });
});
