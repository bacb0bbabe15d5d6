import { appUrl } from "@/server/app-url";
import { getBillingProvider } from "@/server/services/billing/provider";
import type { TeamContext } from "../../trpc";

/** Where to manage the payment method and cancellation (billing:manage): Stripe's Customer Portal, or the local one. */
export function openPortal({ ctx }: { ctx: TeamContext }): Promise<{ url: string }> {
  return getBillingProvider().openPortal({ teamId: ctx.team.id, appUrl });
}
