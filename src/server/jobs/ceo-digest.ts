import { z } from "zod";
import { formatMinor, isCurrency, minorDigits } from "@/lib/invoices/money";
import { appUrl } from "../app-url";
import { lockForTransaction } from "../db/advisory-lock";
import { getBaseDb } from "../db/client";
import { getTenantDb } from "../db/get-tenant-db";
import { DomainError } from "../errors";
import { describeError } from "../log";
import { getAiGateway } from "../services/ai/gateway";
import { createPseudonyms, numberLabel, type Pseudonyms } from "../services/ai/pseudonyms";
import { enqueueEmail, escapeHtml, kickOutbox } from "../services/mail/outbox";
import { addDays, dateColumn, localDayRange, parseLocalDate, safeTimeZone } from "./local-time";
import { defineJob, PermanentJobError } from "./types";

/**
 * CEO digest (feature 1): at 05:00 in the team's time zone, the numbers of the
 * day that just ended, three insights from the model, stored for the dashboard
 * card and mailed to the team's owners and admins.
 *
 * The digest dated D reports on the last complete local day (D − 1): revenue is
 * what was paid that day; top spending covers the 30 days ending then; overdue
 * invoices and tasks are as of the run.
 *
 * The numbers never depend on the model: when the AI is unavailable (provider
 * down, circuit open, quota used up) the digest is stored and mailed with the
 * numbers, no insights and a note saying why — retrying would only delay the
 * numbers, and the card shows the note. Anything else that fails (database)
 * fails the run, and the runner retries it.
 *
 * Idempotent: the digest is upserted on (team, date), and each recipient's email
 * is written once per digest date (kind `ceo-digest:<date>`), so a retry after a
 * crash at any point neither duplicates the digest nor mails anyone twice.
 */

export const ZCeoDigestPayload = z.object({
  teamId: z.string().min(1).max(64),
  date: z.string().refine((value) => parseLocalDate(value) !== null, "Use a calendar date (YYYY-MM-DD)."),
});
export type CeoDigestPayload = z.infer<typeof ZCeoDigestPayload>;

export const TOP_CUSTOMER_WINDOW_DAYS = 30;
const TOP_CUSTOMERS = 5;
const OLDEST_OVERDUE = 5;

const ZMoney = z.object({ currency: z.string(), totalMinor: z.string(), count: z.number().int() });

/** What is stored in CeoDigest.metrics (amounts are minor units as strings: JSON has no BigInt). */
export const ZDigestMetrics = z.object({
  version: z.literal(1),
  period: z.object({ date: z.string(), from: z.string(), to: z.string() }),
  revenue: z.array(ZMoney),
  topCustomers: z.array(
    z.object({
      currency: z.string(),
      customers: z.array(z.object({ name: z.string(), totalMinor: z.string(), invoices: z.number().int() })),
    }),
  ),
  overdue: z.object({
    count: z.number().int(),
    byCurrency: z.array(ZMoney),
    oldest: z.array(
      z.object({ number: z.string(), customer: z.string(), currency: z.string(), totalMinor: z.string(), dueDate: z.string(), daysOverdue: z.number().int() }),
    ),
  }),
  tasks: z.object({ pending: z.number().int(), overdue: z.number().int() }),
  /** Why there are no insights: the AI error code (AI_UNAVAILABLE, QUOTA_EXCEEDED), or null. */
  aiNote: z.string().nullable(),
});
export type DigestMetrics = z.infer<typeof ZDigestMetrics>;

/** Stored as the provider when the model could not be asked. */
export const NO_PROVIDER = "none";

type Money = z.infer<typeof ZMoney>;

function byAmountDesc(a: bigint, b: bigint): number {
  return a === b ? 0 : a > b ? -1 : 1;
}

/** "1500000.50" for the model: amounts as decimals in their currency, never floats. */
function decimal(currency: string, minor: string): string {
  return isCurrency(currency) ? formatMinor(BigInt(minor), minorDigits(currency)) : minor;
}

function isoDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/** Aggregates the team's numbers for the digest dated `date`, through the tenant client (RLS applies). */
export async function computeDigestMetrics(teamId: string, date: string, timeZone: string, asOf: Date): Promise<Omit<DigestMetrics, "aiNote">> {
  const db = await getTenantDb(teamId, { actorId: null, requestId: null });
  const reportDate = addDays(date, -1);
  const period = localDayRange(reportDate, timeZone);
  const windowStart = localDayRange(addDays(reportDate, -(TOP_CUSTOMER_WINDOW_DAYS - 1)), timeZone).start;
  const overdueBefore = dateColumn(date);

  const [revenueGroups, spendGroups, overdueGroups, oldestOverdue, pendingTasks, overdueTasks] = await Promise.all([
    db.invoice.groupBy({
      by: ["currency"],
      where: { status: "PAID", paidAt: { gte: period.start, lt: period.end } },
      _sum: { totalMinor: true },
      _count: { _all: true },
      orderBy: { currency: "asc" },
    }),
    db.invoice.groupBy({
      by: ["customerId", "currency"],
      where: { status: "PAID", paidAt: { gte: windowStart, lt: period.end } },
      _sum: { totalMinor: true },
      _count: { _all: true },
    }),
    db.invoice.groupBy({
      by: ["currency"],
      where: { status: { in: ["SENT", "OVERDUE"] }, dueDate: { lt: overdueBefore } },
      _sum: { totalMinor: true },
      _count: { _all: true },
      orderBy: { currency: "asc" },
    }),
    db.invoice.findMany({
      where: { status: { in: ["SENT", "OVERDUE"] }, dueDate: { lt: overdueBefore } },
      orderBy: [{ dueDate: "asc" }, { number: "asc" }],
      take: OLDEST_OVERDUE,
      select: { number: true, currency: true, totalMinor: true, dueDate: true, customer: { select: { name: true } } },
    }),
    db.task.count({ where: { column: { category: { not: "DONE" } }, project: { status: "ACTIVE" } } }),
    db.task.count({ where: { column: { category: { not: "DONE" } }, project: { status: "ACTIVE" }, dueDate: { lt: asOf } } }),
  ]);

  const money = (groups: typeof revenueGroups): Money[] =>
    groups.map((group) => ({
      currency: group.currency,
      totalMinor: (group._sum.totalMinor ?? 0n).toString(),
      count: group._count._all,
    }));

  // Top spenders per currency (amounts in different currencies are not comparable).
  const customerIds = [...new Set(spendGroups.map((group) => group.customerId))];
  const customers = customerIds.length
    ? await db.customer.findMany({ where: { id: { in: customerIds } }, select: { id: true, name: true } })
    : [];
  const names = new Map(customers.map((customer) => [customer.id, customer.name]));
  const perCurrency = new Map<string, typeof spendGroups>();
  for (const group of spendGroups) perCurrency.set(group.currency, [...(perCurrency.get(group.currency) ?? []), group]);
  const topCustomers = [...perCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, groups]) => ({
      currency,
      customers: groups
        .sort((a, b) => byAmountDesc(a._sum.totalMinor ?? 0n, b._sum.totalMinor ?? 0n))
        .slice(0, TOP_CUSTOMERS)
        .map((group) => ({
          name: names.get(group.customerId) ?? "—",
          totalMinor: (group._sum.totalMinor ?? 0n).toString(),
          invoices: group._count._all,
        })),
    }));

  return {
    version: 1,
    period: { date: reportDate, from: period.start.toISOString(), to: period.end.toISOString() },
    revenue: money(revenueGroups),
    topCustomers,
    overdue: {
      count: overdueGroups.reduce((sum, group) => sum + group._count._all, 0),
      byCurrency: money(overdueGroups),
      oldest: oldestOverdue.map((invoice) => ({
        number: invoice.number,
        customer: invoice.customer.name,
        currency: invoice.currency,
        totalMinor: invoice.totalMinor.toString(),
        dueDate: isoDate(invoice.dueDate),
        daysOverdue: Math.round((overdueBefore.getTime() - invoice.dueDate.getTime()) / 86_400_000),
      })),
    },
    tasks: { pending: pendingTasks, overdue: overdueTasks },
  };
}

/**
 * The numbers as the model sees them: decimals, no ids, no contact data, and no
 * customer names: each customer is "Customer 1", "Customer 2"… (one number per
 * customer across the lists), turned back into names in the reply with
 * `customers.restore`. The gateway masks shaped PII (emails, phones) on top.
 */
export function insightsData(metrics: Omit<DigestMetrics, "aiNote">, timeZone: string): { data: Record<string, unknown>; customers: Pseudonyms } {
  const customers = createPseudonyms(numberLabel("Customer"));
  const data = {
    reportDate: metrics.period.date,
    timeZone,
    revenuePaidThatDay: metrics.revenue.map((m) => ({ currency: m.currency, total: decimal(m.currency, m.totalMinor), paidInvoices: m.count })),
    topSpendingCustomersLast30Days: metrics.topCustomers.map((group) => ({
      currency: group.currency,
      customers: group.customers.map((c) => ({ name: customers.alias(c.name), total: decimal(group.currency, c.totalMinor), paidInvoices: c.invoices })),
    })),
    overdueInvoices: {
      count: metrics.overdue.count,
      byCurrency: metrics.overdue.byCurrency.map((m) => ({ currency: m.currency, total: decimal(m.currency, m.totalMinor), invoices: m.count })),
      oldest: metrics.overdue.oldest.map((o) => ({
        number: o.number,
        customer: customers.alias(o.customer),
        total: decimal(o.currency, o.totalMinor),
        currency: o.currency,
        daysOverdue: o.daysOverdue,
      })),
    },
    tasks: { pending: metrics.tasks.pending, overdue: metrics.tasks.overdue },
  };
  return { data, customers };
}

/** The model's insights on the numbers, with the customers' names back in place of their pseudonyms. */
async function askForInsights(teamId: string, numbers: Omit<DigestMetrics, "aiNote">, timeZone: string) {
  const { data, customers } = insightsData(numbers, timeZone);
  const answer = await getAiGateway().insights({ teamId, userId: null }, { data, count: 3 });
  return { ...answer, insights: answer.insights.map((insight) => customers.restore(insight)) };
}

function moneyLine(items: Money[]): string {
  return items.length === 0 ? "0" : items.map((m) => `${m.currency} ${decimal(m.currency, m.totalMinor)} (${m.count})`).join(", ");
}

/** Plain English: the outbox has no per-recipient language yet; the dashboard card is translated. */
export function digestEmail(input: { teamName: string; date: string; metrics: DigestMetrics; insights: string[]; providerLabel: string }) {
  const { metrics } = input;
  const subject = `CEO digest — ${input.teamName} — ${input.date}`;
  const numbers = [
    `Revenue on ${metrics.period.date}: ${moneyLine(metrics.revenue)}`,
    `Overdue invoices: ${metrics.overdue.count}${metrics.overdue.count ? ` — ${moneyLine(metrics.overdue.byCurrency)}` : ""}`,
    `Tasks: ${metrics.tasks.pending} pending, ${metrics.tasks.overdue} overdue`,
    ...metrics.topCustomers.map(
      (group) => `Top customers (${TOP_CUSTOMER_WINDOW_DAYS} days, ${group.currency}): ${group.customers.map((c) => `${c.name} ${decimal(group.currency, c.totalMinor)}`).join(", ")}`,
    ),
  ];
  const insightLines = input.insights.length
    ? input.insights.map((insight, i) => `${i + 1}. ${insight}`)
    : [
        metrics.aiNote === "QUOTA_EXCEEDED"
          ? "No insights today: the team's AI allowance is used up."
          : "No insights today: the AI service was unavailable. The numbers above are complete.",
      ];
  const link = appUrl("/dashboard");
  const text = [...numbers, "", `Insights (${input.providerLabel}):`, ...insightLines, "", link].join("\n");
  const html = [
    `<h2>${escapeHtml(subject)}</h2>`,
    `<ul>${numbers.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul>`,
    `<h3>${escapeHtml(`Insights (${input.providerLabel})`)}</h3>`,
    input.insights.length
      ? `<ol>${input.insights.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ol>`
      : `<p>${escapeHtml(insightLines[0] ?? "")}</p>`,
    `<p><a href="${escapeHtml(link)}">Open the dashboard</a></p>`,
  ].join("");
  return { subject, text, html };
}

export function providerLabel(provider: string, model: string): string {
  if (provider === "local") return "Local (rule-based)";
  if (provider === NO_PROVIDER) return "AI unavailable";
  return model;
}

/** Writes each owner's and admin's digest email once per digest date (a retry, or an overlapping run, skips who already has it). */
export async function mailDigest(teamId: string, date: string, email: { subject: string; text: string; html: string }): Promise<number> {
  const db = getBaseDb();
  const kind = `ceo-digest:${date}`;
  const recipients = await db.membership.findMany({
    where: { teamId, role: { in: ["OWNER", "ADMIN"] } },
    select: { user: { select: { email: true } } },
  });
  const written = await db.$transaction(async (tx) => {
    // Two overlapping runs for the same digest (a retry while a stale attempt still runs) take turns here,
    // so the second sees the first's emails: EmailMessage has no unique key to refuse a duplicate.
    await lockForTransaction(tx, "ceo-digest-mail", `${teamId}:${date}`);
    const already = await tx.emailMessage.findMany({ where: { teamId, kind }, select: { to: true } });
    const done = new Set(already.map((message) => message.to.toLowerCase()));
    let count = 0;
    for (const { user } of recipients) {
      const to = user.email.toLowerCase();
      if (done.has(to)) continue;
      done.add(to);
      await enqueueEmail({ to, kind, teamId, ...email }, tx);
      count++;
    }
    return count;
  });
  if (written > 0) kickOutbox();
  return written;
}

export type CeoDigestResult = { digestId: string; insights: number; emails: number; aiNote: string | null };

export async function runCeoDigest(
  payload: CeoDigestPayload,
  options: { signal?: AbortSignal; progress?: (progress: Record<string, unknown>) => Promise<void>; now?: Date } = {},
): Promise<CeoDigestResult> {
  const progress = options.progress ?? (async () => {});
  const team = await getBaseDb().team.findUnique({ where: { id: payload.teamId }, select: { id: true, name: true, timezone: true } });
  if (!team) throw new PermanentJobError("The team no longer exists.");
  const timeZone = safeTimeZone(team.timezone);

  await progress({ step: "aggregating" });
  const numbers = await computeDigestMetrics(team.id, payload.date, timeZone, options.now ?? new Date());
  options.signal?.throwIfAborted();

  await progress({ step: "insights" });
  let insights: string[] = [];
  let provider = NO_PROVIDER;
  let model = "";
  let aiNote: string | null = null;
  try {
    const answer = await askForInsights(team.id, numbers, timeZone);
    insights = answer.insights.map((insight) => insight.trim()).filter(Boolean).slice(0, 3);
    provider = answer.provider;
    model = answer.model;
  } catch (error) {
    if (!(error instanceof DomainError) || (error.code !== "AI_UNAVAILABLE" && error.code !== "QUOTA_EXCEEDED")) throw error;
    aiNote = error.code;
    console.warn(`[jobs] ceo-digest ${team.id} ${payload.date}: stored without insights (${describeError(error)})`);
  }
  options.signal?.throwIfAborted();

  const metrics: DigestMetrics = { ...numbers, aiNote };
  await progress({ step: "storing" });
  const db = await getTenantDb(team.id, { actorId: null, requestId: null });
  const values = { timezone: timeZone, metrics, insights, provider, model };
  const digest = await db.ceoDigest.upsert({
    where: { teamId_date: { teamId: team.id, date: dateColumn(payload.date) } },
    create: { date: dateColumn(payload.date), ...values },
    update: values,
    select: { id: true },
  });

  await progress({ step: "mailing" });
  const emails = await mailDigest(
    team.id,
    payload.date,
    digestEmail({ teamName: team.name, date: payload.date, metrics, insights, providerLabel: providerLabel(provider, model) }),
  );
  return { digestId: digest.id, insights: insights.length, emails, aiNote };
}

export const ceoDigestJob = defineJob({
  name: "ceo-digest",
  payload: ZCeoDigestPayload,
  maxAttempts: 5,
  timeoutMs: 5 * 60_000,
  run: (payload, context) => runCeoDigest(payload, { signal: context.signal, progress: context.progress }),
});
