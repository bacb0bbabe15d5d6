import { can } from "@/lib/permissions";
import { planById } from "@/lib/plans";
import type { SubscriptionStatus, TeamStatus } from "@/server/db/generated/client";
import { BillingService } from "@/server/services/billing/billing-service";
import { getBillingProvider } from "@/server/services/billing/provider";
import { currentPeriod, getSubscription, type SubscriptionRow } from "@/server/services/billing/subscriptions";
import type { TeamContext } from "../../trpc";

/** What the billing page says about the subscription, most urgent first. */
export type BillingState = "locked" | "past_due" | "canceled" | "canceling" | "active";

export function billingStateOf(teamStatus: TeamStatus, sub: Pick<SubscriptionRow, "status" | "cancelAtPeriodEnd" | "failedPaymentCount">): BillingState {
  if (teamStatus === "SOFT_LOCKED") return "locked";
  const pastDue: ReadonlySet<SubscriptionStatus> = new Set(["PAST_DUE", "UNPAID"]);
  if (pastDue.has(sub.status) || sub.failedPaymentCount > 0) return "past_due";
  if (sub.status === "CANCELED") return "canceled";
  if (sub.cancelAtPeriodEnd) return "canceling";
  return "active";
}

/** The team's plan, subscription, payment method, provider and this period's AI usage (billing:read). */
export async function billingOverview({ ctx }: { ctx: TeamContext }) {
  const now = new Date();
  const provider = getBillingProvider();
  const sub = await getSubscription(ctx.team.id, now);
  const plan = planById(sub.planId);
  const usage = await BillingService.usageSummary(ctx.team.id, now);
  return {
    plan,
    state: billingStateOf(ctx.team.status, sub),
    subscription: {
      status: sub.status,
      period: currentPeriod(sub, now),
      cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
      canceledAt: sub.canceledAt,
      failedPaymentCount: sub.failedPaymentCount,
      nextPaymentAttemptAt: sub.nextPaymentAttemptAt,
    },
    paymentMethod: { status: sub.paymentMethodStatus, label: sub.paymentMethodLabel },
    provider: { id: provider.id, connected: provider.connected },
    usage,
    // The plan names a tenancy tier; the team's data moves there only through the tier migration.
    tier: { team: ctx.team.tier, plan: plan.tier, matches: ctx.team.tier === plan.tier },
    team: { status: ctx.team.status, statusReason: ctx.team.statusReason },
    canManage: can(ctx.role, "billing:manage"),
  };
}
