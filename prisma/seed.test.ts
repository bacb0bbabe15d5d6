import { describe, expect, it } from "vitest";
import { getBaseDb } from "../src/server/db/client";
import { getTenantDb } from "../src/server/db/get-tenant-db";
import { DEMO_USERS, seedDemo } from "./seed";

async function callerForEmail(email: string, teamId: string) {
  const { callerFor } = await import("../test/factories");
  const user = await getBaseDb().user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true } });
  return callerFor(user, teamId);
}

describe("demo seed", () => {
  it("creates every demo user in its team once, and keeps the two companies apart", async () => {
    expect(await seedDemo()).toEqual({ created: true });
    expect(await seedDemo()).toEqual({ created: false });
    const users = await getBaseDb().user.findMany({
      where: { email: { in: DEMO_USERS.map((u) => u.email) } },
      select: { email: true, isSuperAdmin: true, memberships: { select: { role: true, team: { select: { name: true, id: true } } } } },
    });
    expect(users).toHaveLength(DEMO_USERS.length);
    for (const demo of DEMO_USERS) {
      const user = users.find((u) => u.email === demo.email);
      expect(user?.memberships).toEqual([{ role: demo.role, team: expect.objectContaining({ name: demo.team }) }]);
    }
    const teamId = (name: string) => users.flatMap((u) => u.memberships).find((m) => m.team.name === name)?.team.id ?? "";
    const acme = await (await getTenantDb(teamId("Acme Corp"))).project.findMany({ select: { name: true } });
    const globex = await (await getTenantDb(teamId("Globex"))).project.findMany({ select: { name: true } });
    expect(acme.map((p) => p.name)).toContain("Website relaunch");
    expect(globex.map((p) => p.name)).not.toContain("Website relaunch");
    expect(users.find((u) => u.email === "operator@demo.test")?.isSuperAdmin).toBe(true);
    // Invoices in every state, through the invoice service (totals computed), per team.
    const acmeDb = await getTenantDb(teamId("Acme Corp"));
    const globexDb = await getTenantDb(teamId("Globex"));
    const acmeInvoices = await acmeDb.invoice.findMany({ select: { status: true, totalMinor: true, currency: true }, orderBy: { number: "asc" } });
    expect(acmeInvoices.map((i) => i.status)).toEqual(["PAID", "SENT", "SENT", "DRAFT"]);
    // 45,000,000 + 12 × 6,500,000 = 123,000,000 IDR; −5% → 116,850,000; +11% VAT → 129,703,500.00
    expect(acmeInvoices[0]).toEqual({ status: "PAID", totalMinor: 12_970_350_000n, currency: "IDR" });
    expect(await globexDb.invoice.count()).toBe(1);
    expect(await globexDb.customer.findMany({ where: { name: "PT Nusantara Digital" }, select: { id: true } })).toEqual([]);
    expect(await acmeDb.document.findMany({ select: { name: true, status: true } })).toEqual([{ name: "employee-handbook.md", status: "QUEUED" }]);
    expect(await globexDb.document.count()).toBe(0);
    // A month of priced AI usage for Acme only; its manager costs more than their share of the plan.
    const ownerApi = callerForEmail("owner@demo.test", teamId("Acme Corp"));
    const today = new Date().toISOString().slice(0, 10);
    const monthAgo = new Date(Date.now() - 25 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const usage = await (await ownerApi).ai.usage({ from: monthAgo, to: today });
    const flagged = usage.users.filter((row) => row.flagged).map((row) => row.email);
    expect(flagged).toEqual(["manager@demo.test"]);
    expect(await getBaseDb().aiUsageEvent.count({ where: { teamId: teamId("Globex"), provider: "gemini" } })).toBe(0);
    // Staff see the project they were added to, with its board.
    const { callerFor } = await import("../test/factories");
    const staff = users.find((u) => u.email === "staff@demo.test");
    const staffApi = callerFor({ id: (await getBaseDb().user.findUniqueOrThrow({ where: { email: "staff@demo.test" } })).id, email: staff?.email ?? "" }, teamId("Acme Corp"));
    const visible = (await staffApi.project.list()).items.map((p) => p.name);
    expect(visible).toEqual(["Website relaunch"]);
    const board = await staffApi.task.board({ projectId: (await staffApi.project.list()).items[0]?.id ?? "" });
    expect(board.tasks.map((t) => t.title)).toContain("Fix broken signup link");
  });
});
