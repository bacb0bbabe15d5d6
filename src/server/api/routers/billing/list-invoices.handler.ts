import { getBaseDb } from "@/server/db/client";
import { ValidationError } from "@/server/errors";
import type { TeamContext } from "../../trpc";
import type { ListBillingInvoicesInput } from "./list-invoices.schema";

const invoiceSelect = {
  id: true,
  provider: true,
  number: true,
  status: true,
  currency: true,
  amountDueCents: true,
  amountPaidCents: true,
  periodStart: true,
  periodEnd: true,
  hostedUrl: true,
  attemptCount: true,
  nextPaymentAttemptAt: true,
  issuedAt: true,
  paidAt: true,
} as const;

/**
 * The platform's invoices to the caller's team, newest first (billing:read).
 * BillingInvoice is control plane, so the team filter is written here; the id
 * comes from the verified team context, never from the input.
 */
export async function listBillingInvoices({ ctx, input }: { ctx: TeamContext; input: ListBillingInvoicesInput }) {
  const teamId = ctx.team.id;
  const db = getBaseDb();
  // A cursor is looked up within the team: another team's invoice id is no cursor at all.
  const cursor = input.cursor ? await db.billingInvoice.findFirst({ where: { id: input.cursor, teamId }, select: { id: true } }) : null;
  if (input.cursor && !cursor) throw new ValidationError("That page cursor is not valid.", "cursor");
  const rows = await db.billingInvoice.findMany({
    where: { teamId },
    select: invoiceSelect,
    orderBy: [{ issuedAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(cursor ? { cursor: { id: cursor.id }, skip: 1 } : {}),
  });
  const hasMore = rows.length > input.limit;
  const items = (hasMore ? rows.slice(0, input.limit) : rows).map((row) => ({
    ...row,
    // Only a provider's https page is linked (Stripe's hosted invoice).
    hostedUrl: row.hostedUrl?.startsWith("https://") ? row.hostedUrl : null,
  }));
  return { items, nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null };
}
