import { createTRPCRouter, permissionProcedure, superadminProcedure } from "../../trpc";
import { cancelSubscription } from "./cancel.handler";
import { changePlan } from "./change-plan.handler";
import { ZChangePlanInput } from "./change-plan.schema";
import { latestTierMove } from "./latest-tier-move.handler";
import { listBillingInvoices } from "./list-invoices.handler";
import { ZListBillingInvoicesInput } from "./list-invoices.schema";
import { openPortal } from "./open-portal.handler";
import { billingOverview } from "./overview.handler";
import { resumeSubscription } from "./resume.handler";
import { simulatePayment } from "./simulate-payment.handler";
import { startTierMove } from "./start-tier-move.handler";
import { ZStartTierMoveInput } from "./start-tier-move.schema";
import { ZSimulatePaymentInput } from "./simulate-payment.schema";
import { updatePaymentMethod } from "./update-payment-method.handler";
import { ZUpdatePaymentMethodInput } from "./update-payment-method.schema";

/**
 * The team's subscription. OWNER and ADMIN read it; only the OWNER changes it.
 * While the team is soft-locked for an unpaid invoice, only what fixes payment
 * works (the portal, the payment method): a plan change, a cancellation or a
 * resume waits until the invoice is paid.
 */
const manage = permissionProcedure("billing:manage");
const fixPayment = manage.meta({ allowWhenSoftLocked: true });

export const billingRouter = createTRPCRouter({
  overview: permissionProcedure("billing:read").query(billingOverview),
  listInvoices: permissionProcedure("billing:read").input(ZListBillingInvoicesInput).query(listBillingInvoices),
  changePlan: manage.input(ZChangePlanInput).mutation(changePlan),
  openPortal: fixPayment.mutation(openPortal),
  // The local provider's portal (refused while Stripe is connected: its portal does these).
  cancel: manage.mutation(cancelSubscription),
  resume: manage.mutation(resumeSubscription),
  updatePaymentMethod: fixPayment.input(ZUpdatePaymentMethodInput).mutation(updatePaymentMethod),
  // Moving the team's data to the tier its plan includes (the tier migration engine).
  startTierMove: manage.input(ZStartTierMoveInput).mutation(startTierMove),
  latestTierMove: permissionProcedure("billing:read").query(latestTierMove),
  // Operators: a payment attempt on the local provider, to drive dunning without Stripe.
  simulatePayment: superadminProcedure.input(ZSimulatePaymentInput).mutation(simulatePayment),
});
