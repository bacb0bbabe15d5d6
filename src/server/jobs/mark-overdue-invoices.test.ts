import { describe, expect, it } from "vitest";
import { createTeam } from "../../../test/factories";
import { getTenantDb } from "../db/get-tenant-db";
import { markOverdueInvoicesJob } from "./mark-overdue-invoices";
import { toRegisteredJob } from "./registered-job";

const context = { runId: "run-test", attempt: 1, signal: new AbortController().signal, progress: async () => {} };

async function seed(label: string) {
  const team = await createTeam(label);
  const db = await getTenantDb(team.id);
  const customer = await db.customer.create({ data: { name: `${label} customer` }, select: { id: true } });
  const invoice = (number: string, dueDate: string, status: "SENT" | "PAID") =>
    db.invoice.create({
      data: { number, customerId: customer.id, currency: "IDR", issueDate: new Date("2030-01-01"), dueDate: new Date(dueDate), status, totalMinor: 100n },
      select: { id: true },
    });
  const late = await invoice(`${label}-1`, "2030-01-31", "SENT");
  const dueToday = await invoice(`${label}-2`, "2030-02-01", "SENT");
  const paid = await invoice(`${label}-3`, "2030-01-15", "PAID");
  return { team, db, late, dueToday, paid };
}

describe("mark-overdue-invoices job", () => {
  it("marks only the team's own SENT invoices due before the date, once", async () => {
    const a = await seed("overdue-a");
    const b = await seed("overdue-b");
    const job = toRegisteredJob(markOverdueInvoicesJob);
    expect(await job.run({ teamId: a.team.id, date: "2030-02-01" }, context)).toEqual({ marked: 1 });
    expect(await job.run({ teamId: a.team.id, date: "2030-02-01" }, context)).toEqual({ marked: 0 });
    const status = async (db: typeof a.db, id: string) => (await db.invoice.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
    expect(await status(a.db, a.late.id)).toBe("OVERDUE");
    expect(await status(a.db, a.dueToday.id)).toBe("SENT");
    expect(await status(a.db, a.paid.id)).toBe("PAID");
    // Team B's identical invoice is untouched.
    expect(await status(b.db, b.late.id)).toBe("SENT");
    expect(() => job.parsePayload({ teamId: a.team.id, date: "2030-02-30" })).toThrow();
  });
});
