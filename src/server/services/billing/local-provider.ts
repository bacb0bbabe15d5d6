import { randomUUID } from "node:crypto";
import { z } from "zod";
import { isPlanId, planById, PLANS, type PlanId } from "@/lib/plans";
import { msg } from "@/lib/message";
import { getBaseDb } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { ConflictError, NotFoundError, ValidationError } from "../../errors";
import { closeOverdueLocalPeriods } from "./period-close";
import type { BillingProvider, ChangePlanInput, ChangePlanResult } from "./provider";
import { applySubscriptionChange, currentPeriod, getSubscription, mrrCentsOf, subscriptionSelect, type SubscriptionChange, type SubscriptionRow } from "./subscriptions";

/**
 * The embedded default when Stripe is not configured: a plan change applies at
 * once in our database (subscription, revenue ledger, and for an upgrade a paid
 * local invoice, in one transaction), and the "portal" is an in-app page where
 * the owner cancels, resumes or records a test card. Nothing is charged. The
 * plan never changes Team.tier (that is the tier migration engine's).
 */

function checkedPlan(planId: string): PlanId {
  if (!isPlanId(planId)) throw new ValidationError("Choose one of the plans: Starter, Professional or Enterprise.", "planId");
  return planId;
}

/**
 * Runs `work` on the team's subscription row, locked to the end of the
 * transaction so concurrent changes of one team apply one after the other.
 * A subscription kept by Stripe is refused: only Stripe (through its
 * webhooks) changes it.
 *
 * With `settleAt` (a plan change, cancel or resume at that time), periods that
 * ended by then are closed first, in the same transaction — invoiced and moved
 * on, or ended — as the close job would have: the change then applies to the
 * period it happens in, and the ended period is never skipped by the close.
 */
async function withLockedSubscription<T>(
  teamId: string,
  work: (tx: Prisma.TransactionClient, current: SubscriptionRow) => Promise<T>,
  settleAt?: Date,
): Promise<T> {
  // Creates the Starter subscription of a team from before billing existed, dated
  // before the change so the change is never older than it.
  await getSubscription(teamId, settleAt ? new Date(settleAt.getTime() - 1) : undefined);
  return getBaseDb().$transaction(async (tx) => {
    const locked = await tx.subscription.updateMany({ where: { teamId }, data: { teamId } });
    if (locked.count === 0) throw new NotFoundError("Team");
    const stored = await tx.subscription.findUniqueOrThrow({ where: { teamId }, select: subscriptionSelect });
    if (stored.provider === "stripe") {
      throw new ConflictError("This team's subscription is managed in Stripe: change it through the billing portal.");
    }
    const closed = settleAt ? await closeOverdueLocalPeriods(tx, teamId, settleAt) : [];
    const current = closed.length > 0 ? await tx.subscription.findUniqueOrThrow({ where: { teamId }, select: subscriptionSelect }) : stored;
    return work(tx, current);
  });
}

/** The change keeping the current plan, status and period: the base of cancel and resume. */
function sameState(current: SubscriptionRow, now: Date, sourceKey: string): SubscriptionChange {
  const period = currentPeriod(current, now);
  return {
    teamId: current.teamId,
    planId: planById(current.planId).id,
    status: current.status,
    provider: "local",
    currentPeriodStart: period.start,
    currentPeriodEnd: period.end,
    stateAt: now,
    sourceKey,
  };
}

async function applyOrConflict(change: SubscriptionChange, tx: Prisma.TransactionClient): Promise<SubscriptionRow> {
  const result = await applySubscriptionChange(change, tx);
  if (!result.applied) throw new ConflictError("The subscription changed meanwhile. Reload the page and try again.");
  return result.subscription;
}

function invoiceNumber(now: Date, changeId: string): string {
  const month = `${now.getUTCFullYear()}${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
  return `LOCAL-${month}-${changeId.replace(/-/g, "").slice(0, 8).toUpperCase()}`;
}

/** The price difference for the rest of the period, in cents (rounded half up); 0 for a downgrade. */
export function proratedUpgradeCents(previousMrrCents: number, nextMrrCents: number, period: { start: Date; end: Date }, now: Date): number {
  const length = period.end.getTime() - period.start.getTime();
  if (length <= 0 || nextMrrCents <= previousMrrCents) return 0;
  const left = Math.min(length, Math.max(0, period.end.getTime() - now.getTime()));
  return Math.round(((nextMrrCents - previousMrrCents) * left) / length);
}

export async function changeLocalPlan(input: Pick<ChangePlanInput, "teamId" | "planId">, now: Date = new Date()): Promise<ChangePlanResult> {
  const planId = checkedPlan(input.planId);
  return withLockedSubscription(input.teamId, async (tx, current) => {
    const previousPlanId = planById(current.planId).id;
    if (previousPlanId === planId && current.status !== "CANCELED") {
      throw new ConflictError(msg`Your team is already on the ${PLANS[planId].name} plan.`);
    }
    const changeId = randomUUID();
    const period = currentPeriod(current, now);
    await applyOrConflict(
      { teamId: input.teamId, planId, status: "ACTIVE", provider: "local", currentPeriodStart: period.start, currentPeriodEnd: period.end, stateAt: now, sourceKey: `local:plan:${changeId}` },
      tx,
    );
    // Like Stripe: the fixed fee is paid in advance for each period (the local
    // period close invoices the next period's fee), so an upgrade is charged the
    // difference for what is left of the current period, at once. A downgrade
    // takes effect without a refund.
    const amount = proratedUpgradeCents(mrrCentsOf(previousPlanId, current.status), PLANS[planId].monthlyPriceCents, period, now);
    if (amount > 0) {
      await tx.billingInvoice.create({
        data: {
          teamId: input.teamId,
          provider: "local",
          externalId: `local_${changeId}`,
          number: invoiceNumber(now, changeId),
          status: "paid",
          currency: "usd",
          amountDueCents: amount,
          amountPaidCents: amount,
          periodStart: now,
          periodEnd: period.end,
          issuedAt: now,
          paidAt: now,
        },
        select: { id: true },
      });
    }
    return { kind: "applied", planId };
  }, now);
}

/** Cancels at the end of the period; the local period-close job ends the subscription then. */
export async function cancelLocalSubscription(teamId: string, now: Date = new Date()): Promise<SubscriptionRow> {
  return withLockedSubscription(teamId, async (tx, current) => {
    if (current.status === "CANCELED") throw new ConflictError("This subscription has already ended.");
    // Already scheduled: cancelling twice changes nothing.
    if (current.cancelAtPeriodEnd) return current;
    return applyOrConflict({ ...sameState(current, now, `local:cancel:${randomUUID()}`), cancelAtPeriodEnd: true, canceledAt: now }, tx);
  }, now);
}

/** Takes back a cancellation scheduled for the end of the period. */
export async function resumeLocalSubscription(teamId: string, now: Date = new Date()): Promise<SubscriptionRow> {
  return withLockedSubscription(teamId, async (tx, current) => {
    if (current.status === "CANCELED") throw new ConflictError("This subscription has ended. Choose a plan to start a new one.");
    if (!current.cancelAtPeriodEnd) return current;
    return applyOrConflict({ ...sameState(current, now, `local:resume:${randomUUID()}`), cancelAtPeriodEnd: false, canceledAt: null }, tx);
  }, now);
}

const PaymentMethodLabel = z
  .string()
  .trim()
  .min(1, "Enter a name for the card, e.g. Test card •••• 4242.")
  .max(60, "Use at most 60 characters for the card's name.")
  // The label is shown to every billing reader and stored as is: never a card number.
  .refine((label) => !/\d{7,}/.test(label.replace(/[\s.-]/g, "")), "Do not enter a card number: a name like Test card •••• 4242 is enough.");

/** Records a (test) card on the local subscription; only its label is kept. */
export async function updateLocalPaymentMethod(teamId: string, label: string): Promise<SubscriptionRow> {
  const parsed = PaymentMethodLabel.safeParse(label);
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? "Enter a name for the card, e.g. Test card •••• 4242.", "label");
  return withLockedSubscription(teamId, (tx) =>
    tx.subscription.update({ where: { teamId }, data: { paymentMethodStatus: "ok", paymentMethodLabel: parsed.data }, select: subscriptionSelect }),
  );
}

export const localBillingProvider: BillingProvider = {
  id: "local",
  connected: false,
  changePlan: (input) => changeLocalPlan(input),
  // The in-app page standing in for Stripe's Customer Portal.
  openPortal: async ({ appUrl }) => ({ url: appUrl("/settings/billing?portal=local") }),
};
