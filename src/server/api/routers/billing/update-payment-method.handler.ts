import { updateLocalPaymentMethod } from "@/server/services/billing/local-provider";
import type { TeamContext } from "../../trpc";
import { assertLocalBilling, nextAttempt, recordAndProcess, teamStatusOf } from "./local-billing";
import { LOCAL_CARDS, type UpdatePaymentMethodInput } from "./update-payment-method.schema";

/**
 * Local portal: a new (test) card (billing:manage, allowed while soft-locked).
 * An invoice in dunning is then collected with it: a local `invoice.paid` goes
 * through the ledger and the dunning code like a Stripe webhook, which unlocks
 * the team. The card is saved first: if collecting fails, saving again retries
 * the same event (its id is the invoice's), never a second payment.
 */
export async function updatePaymentMethod({ ctx, input }: { ctx: TeamContext; input: UpdatePaymentMethodInput }) {
  assertLocalBilling("Billing is connected to Stripe: update the payment method in the billing portal.");
  const sub = await updateLocalPaymentMethod(ctx.team.id, LOCAL_CARDS[input.card]);
  let settledInvoiceId: string | null = null;
  if (sub.dunningInvoiceId) {
    const attempt = nextAttempt(sub, "paid", new Date());
    await recordAndProcess(attempt);
    settledInvoiceId = attempt.invoiceId;
  }
  const team = await teamStatusOf(ctx.team.id);
  return { paymentMethod: { status: sub.paymentMethodStatus, label: sub.paymentMethodLabel }, settledInvoiceId, teamStatus: team.status };
}
