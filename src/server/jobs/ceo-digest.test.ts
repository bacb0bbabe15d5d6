import { afterEach, describe, expect, it } from "vitest";
import { addMember, createTeam, uniqueSuffix } from "../../../test/factories";
import { getBaseDb } from "../db/client";
import { getTenantDb } from "../db/get-tenant-db";
import { createAiGateway, setAiGatewayForTests } from "../services/ai/gateway";
import { createLocalProvider } from "../services/ai/providers/local";
import type { AiProvider, InsightsInput } from "../services/ai/types";
import { mailDigest, runCeoDigest, ZDigestMetrics } from "./ceo-digest";

/**
 * The digest body end to end on the real database: two teams with different
 * data, a fake model behind the real gateway (so PII masking and usage recording
 * are the real ones), numbers checked by hand.
 */
type Captured = { data: Record<string, unknown> }[];

function fakeModel(captured: Captured, insights: string[] | Error): AiProvider {
  return {
    ...createLocalProvider(),
    id: "gemini",
    model: "gemini-test-model",
    label: "Gemini (test)",
    canReason: true,
    async insights(input: InsightsInput) {
      captured.push({ data: input.data });
      if (insights instanceof Error) throw insights;
      const output = { insights };
      return { usage: { inputTokens: 100, outputTokens: 30 }, read: () => output };
    },
  };
}

function useModel(insights: string[] | Error): Captured {
  const captured: Captured = [];
  setAiGatewayForTests(createAiGateway({ provider: fakeModel(captured, insights), failureThreshold: 100 }));
  return captured;
}

afterEach(() => setAiGatewayForTests(null));

const DATE = "2030-03-15";
// 05:00 on the 15th in Jakarta (UTC+7).
const NOW = new Date("2030-03-14T22:00:00Z");

async function seedTeamA() {
  const team = await createTeam("digest-a");
  await getBaseDb().team.update({ where: { id: team.id }, data: { timezone: "Asia/Jakarta" } });
  const admin = await addMember(team.id, "ADMIN");
  const staff = await addMember(team.id, "STAFF");
  const db = await getTenantDb(team.id);
  const alpha = await db.customer.create({ data: { name: "Alpha Corp (budi@alpha.co.id)", email: "budi@alpha.co.id" }, select: { id: true } });
  const beta = await db.customer.create({ data: { name: "Beta Ltd" }, select: { id: true } });
  const invoice = (number: string, customerId: string, data: Record<string, unknown>) =>
    db.invoice.create({
      data: {
        number,
        customerId,
        currency: "IDR",
        issueDate: new Date("2030-02-01"),
        dueDate: new Date("2030-03-31"),
        status: "PAID",
        ...data,
      },
      select: { id: true },
    });
  // Paid on the report day (the 14th, Jakarta time): 09:00 and 00:30 local.
  await invoice("A-1", alpha.id, { totalMinor: 150_000_000n, paidAt: new Date("2030-03-14T02:00:00Z") });
  await invoice("A-2", alpha.id, { totalMinor: 50_000_000n, paidAt: new Date("2030-03-13T17:30:00Z") });
  // 23:59 on the 13th local: not that day's revenue, but within the 30-day top-spending window.
  await invoice("A-3", alpha.id, { totalMinor: 99n, paidAt: new Date("2030-03-13T16:59:00Z") });
  await invoice("A-4", beta.id, { currency: "USD", totalMinor: 12_345n, paidAt: new Date("2030-03-14T10:00:00Z") });
  // Overdue (due before the 15th, still open), not overdue (due on the 15th), and a draft.
  await invoice("A-5", beta.id, { status: "SENT", totalMinor: 7_000_000n, dueDate: new Date("2030-03-10") });
  await invoice("A-6", alpha.id, { status: "OVERDUE", totalMinor: 3_000_000n, dueDate: new Date("2030-03-01") });
  await invoice("A-7", alpha.id, { status: "SENT", totalMinor: 1_000n, dueDate: new Date("2030-03-15") });
  await invoice("A-8", alpha.id, { status: "DRAFT", totalMinor: 5_000n, dueDate: new Date("2030-03-01") });

  const [todo, done] = await Promise.all([
    db.taskColumn.create({ data: { name: "To do", category: "TODO", position: 0 }, select: { id: true } }),
    db.taskColumn.create({ data: { name: "Done", category: "DONE", position: 1 }, select: { id: true } }),
  ]);
  const project = await db.project.create({ data: { name: "Launch" }, select: { id: true } });
  const archived = await db.project.create({ data: { name: "Old", status: "ARCHIVED" }, select: { id: true } });
  const task = (title: string, columnId: string, projectId: string, dueDate: Date | null) =>
    db.task.create({ data: { title, columnId, projectId, dueDate, rank: `a${uniqueSuffix()}` }, select: { id: true } });
  await task("no due date", todo.id, project.id, null);
  await task("late", todo.id, project.id, new Date("2030-03-14T10:00:00Z"));
  await task("later", todo.id, project.id, new Date("2030-03-20T10:00:00Z"));
  await task("finished late", done.id, project.id, new Date("2030-03-01T10:00:00Z"));
  await task("archived project", todo.id, archived.id, new Date("2030-03-01T10:00:00Z"));
  return { team, admin, staff };
}

async function seedTeamB() {
  const team = await createTeam("digest-b");
  const db = await getTenantDb(team.id);
  const gamma = await db.customer.create({ data: { name: "Gamma Shop" }, select: { id: true } });
  await db.invoice.create({
    data: { number: "B-1", customerId: gamma.id, currency: "IDR", issueDate: new Date("2030-03-01"), dueDate: new Date("2030-03-31"), status: "PAID", totalMinor: 777n, paidAt: new Date("2030-03-14T12:00:00Z") },
  });
  return { team };
}

async function storedDigest(teamId: string) {
  const db = await getTenantDb(teamId);
  return db.ceoDigest.findMany({ select: { id: true, date: true, timezone: true, metrics: true, insights: true, provider: true, model: true } });
}

describe("CEO digest job", () => {
  it("aggregates each team's own numbers, asks the model with masked data, stores and mails the digest once", async () => {
    const a = await seedTeamA();
    const b = await seedTeamB();
    const captured = useModel(["Revenue came from one customer.", "Two invoices are overdue.", "One task is late."]);

    const result = await runCeoDigest({ teamId: a.team.id, date: DATE }, { now: NOW });
    expect(result).toMatchObject({ insights: 3, emails: 2, aiNote: null });

    const [digest, ...others] = await storedDigest(a.team.id);
    expect(others).toEqual([]);
    expect(digest).toMatchObject({ timezone: "Asia/Jakarta", provider: "gemini", model: "gemini-test-model" });
    expect(digest!.date.toISOString().slice(0, 10)).toBe(DATE);
    expect(digest!.insights).toEqual(["Revenue came from one customer.", "Two invoices are overdue.", "One task is late."]);
    const metrics = ZDigestMetrics.parse(digest!.metrics);
    expect(metrics.period).toEqual({ date: "2030-03-14", from: "2030-03-13T17:00:00.000Z", to: "2030-03-14T17:00:00.000Z" });
    expect(metrics.revenue).toEqual([
      { currency: "IDR", totalMinor: "200000000", count: 2 },
      { currency: "USD", totalMinor: "12345", count: 1 },
    ]);
    expect(metrics.topCustomers).toEqual([
      { currency: "IDR", customers: [{ name: "Alpha Corp (budi@alpha.co.id)", totalMinor: "200000099", invoices: 3 }] },
      { currency: "USD", customers: [{ name: "Beta Ltd", totalMinor: "12345", invoices: 1 }] },
    ]);
    expect(metrics.overdue).toEqual({
      count: 2,
      byCurrency: [{ currency: "IDR", totalMinor: "10000000", count: 2 }],
      oldest: [
        { number: "A-6", customer: "Alpha Corp (budi@alpha.co.id)", currency: "IDR", totalMinor: "3000000", dueDate: "2030-03-01", daysOverdue: 14 },
        { number: "A-5", customer: "Beta Ltd", currency: "IDR", totalMinor: "7000000", dueDate: "2030-03-10", daysOverdue: 5 },
      ],
    });
    expect(metrics.tasks).toEqual({ pending: 3, overdue: 1 });
    expect(metrics.aiNote).toBeNull();

    // The model saw decimals, not ids, and never the email address (masked by the gateway).
    expect(captured).toHaveLength(1);
    const sent = JSON.stringify(captured[0]!.data);
    expect(sent).toContain("2000000.00");
    expect(sent).not.toContain("budi@alpha.co.id");
    expect(sent).not.toContain(a.team.id);

    // Owner and admin get the email; staff does not.
    const mail = await getBaseDb().emailMessage.findMany({ where: { teamId: a.team.id, kind: `ceo-digest:${DATE}` }, select: { to: true, subject: true, text: true } });
    expect(mail.map((m) => m.to).sort()).toEqual([a.team.owner.email, a.admin.email].sort());
    expect(mail[0]!.subject).toBe(`CEO digest — digest-a — ${DATE}`);
    expect(mail[0]!.text).toContain("IDR 2000000.00 (2)");
    expect(mail[0]!.text).toContain("Two invoices are overdue.");
    expect(mail.some((m) => m.to === a.staff.email)).toBe(false);

    // Team B: its own numbers, none of A's.
    useModel(["B insight 1", "B insight 2", "B insight 3"]);
    await runCeoDigest({ teamId: b.team.id, date: DATE }, { now: NOW });
    const [digestB] = await storedDigest(b.team.id);
    const metricsB = ZDigestMetrics.parse(digestB!.metrics);
    expect(metricsB.revenue).toEqual([{ currency: "IDR", totalMinor: "777", count: 1 }]);
    expect(metricsB.overdue.count).toBe(0);
    expect(metricsB.tasks).toEqual({ pending: 0, overdue: 0 });
    const textB = JSON.stringify(digestB);
    for (const leaked of ["Alpha", "Beta", "200000000", "12345", "A-6", "Revenue came from"]) expect(textB).not.toContain(leaked);
    const mailB = await getBaseDb().emailMessage.findMany({ where: { teamId: b.team.id }, select: { to: true, text: true } });
    expect(mailB.map((m) => m.to)).toEqual([b.team.owner.email]);
    expect(mailB[0]!.text).not.toContain("Alpha");

    // A second run (a retry, or "Generate now" after a fix) updates the digest and mails nobody twice.
    useModel(["Updated insight 1", "Updated insight 2", "Updated insight 3"]);
    const again = await runCeoDigest({ teamId: a.team.id, date: DATE }, { now: NOW });
    expect(again.emails).toBe(0);
    const afterRerun = await storedDigest(a.team.id);
    expect(afterRerun).toHaveLength(1);
    expect(afterRerun[0]!.id).toBe(digest!.id);
    expect(afterRerun[0]!.insights).toEqual(["Updated insight 1", "Updated insight 2", "Updated insight 3"]);
    expect(await getBaseDb().emailMessage.count({ where: { teamId: a.team.id, kind: `ceo-digest:${DATE}` } })).toBe(2);
  });

  it("still stores and mails the numbers when the model is unavailable", async () => {
    const { team } = await seedTeamB();
    useModel(new Error("503 from the provider"));
    const result = await runCeoDigest({ teamId: team.id, date: DATE }, { now: NOW });
    expect(result).toMatchObject({ insights: 0, emails: 1, aiNote: "AI_UNAVAILABLE" });
    const [digest] = await storedDigest(team.id);
    expect(digest).toMatchObject({ provider: "none", insights: [] });
    const metrics = ZDigestMetrics.parse(digest!.metrics);
    expect(metrics.revenue).toEqual([{ currency: "IDR", totalMinor: "777", count: 1 }]);
    expect(metrics.aiNote).toBe("AI_UNAVAILABLE");
    const [mail] = await getBaseDb().emailMessage.findMany({ where: { teamId: team.id }, select: { text: true } });
    expect(mail!.text).toContain("IDR 7.77 (1)");
    expect(mail!.text).toContain("AI service was unavailable");
  });

  it("labels the local provider's insights as rule-based", async () => {
    const { team } = await seedTeamB();
    setAiGatewayForTests(createAiGateway({ provider: createLocalProvider() }));
    await runCeoDigest({ teamId: team.id, date: DATE }, { now: NOW });
    const [digest] = await storedDigest(team.id);
    expect(digest!.provider).toBe("local");
    const [mail] = await getBaseDb().emailMessage.findMany({ where: { teamId: team.id }, select: { text: true } });
    expect(mail!.text).toContain("Insights (Local (rule-based)):");
  });

  it("mails each recipient once even when runs for the same digest overlap", async () => {
    const team = await createTeam("digest-overlap");
    const admin = await addMember(team.id, "ADMIN");
    await addMember(team.id, "STAFF");
    const other = await createTeam("digest-overlap-other");
    const date = "2030-04-02";
    const email = { subject: "Digest", text: "Numbers", html: "<p>Numbers</p>" };
    const written = await Promise.all(Array.from({ length: 6 }, () => mailDigest(team.id, date, email)));
    expect(written.reduce((sum, n) => sum + n, 0)).toBe(2);
    const mail = await getBaseDb().emailMessage.findMany({ where: { teamId: team.id, kind: `ceo-digest:${date}` }, select: { to: true } });
    expect(mail.map((m) => m.to).sort()).toEqual([admin.email, team.owner.email].map((e) => e.toLowerCase()).sort());
    // Another team's digest for the same date is its own.
    expect(await mailDigest(other.id, date, email)).toBe(1);
    expect(await getBaseDb().emailMessage.count({ where: { teamId: other.id } })).toBe(1);
  });

  it("fails for good when the team is gone", async () => {
    await expect(runCeoDigest({ teamId: "no-such-team", date: DATE })).rejects.toMatchObject({ name: "PermanentJobError" });
  });
});

describe("CEO digest: customer names stay out of the model", () => {
  it("sends customers as pseudonyms and shows their names in the stored and mailed insights", async () => {
    const a = await seedTeamA();
    const b = await seedTeamB();
    const captured = useModel(["Customer 1 brought most of the revenue.", "Chase Customer 2: 5 days overdue.", "Customer 1 is also the oldest overdue."]);

    await runCeoDigest({ teamId: a.team.id, date: DATE }, { now: NOW });

    expect(captured).toHaveLength(1);
    const sent = JSON.stringify(captured[0]!.data);
    for (const name of ["Alpha", "Beta", "alpha.co.id"]) expect(sent).not.toContain(name);
    const data = captured[0]!.data as {
      topSpendingCustomersLast30Days: Array<{ customers: Array<{ name: string }> }>;
      overdueInvoices: { oldest: Array<{ customer: string }> };
    };
    // One pseudonym per customer, the same in every list.
    expect(data.topSpendingCustomersLast30Days.map((group) => group.customers.map((c) => c.name))).toEqual([["Customer 1"], ["Customer 2"]]);
    expect(data.overdueInvoices.oldest.map((o) => o.customer)).toEqual(["Customer 1", "Customer 2"]);

    const [digest] = await storedDigest(a.team.id);
    expect(digest!.insights).toEqual([
      "Alpha Corp (budi@alpha.co.id) brought most of the revenue.",
      "Chase Beta Ltd: 5 days overdue.",
      "Alpha Corp (budi@alpha.co.id) is also the oldest overdue.",
    ]);
    const [mail] = await getBaseDb().emailMessage.findMany({ where: { teamId: a.team.id, kind: `ceo-digest:${DATE}` }, select: { text: true } });
    expect(mail!.text).toContain("Chase Beta Ltd: 5 days overdue.");

    // Team B's digest knows nothing of A's customers.
    useModel(["Customer 1 paid.", "Two.", "Three."]);
    await runCeoDigest({ teamId: b.team.id, date: DATE }, { now: NOW });
    const [digestB] = await storedDigest(b.team.id);
    expect(digestB!.insights).toEqual(["Gamma Shop paid.", "Two.", "Three."]);
    expect(JSON.stringify(digestB)).not.toContain("Alpha");
  });
});
