import { createTRPCRouter, permissionProcedure, superadminProcedure } from "../../trpc";
import { cancelSubscription } from "./cancel.handler";
import { changePlan } from "./change-plan.handler";
import { ZChangePlanInput } from "./change-plan.schema";
import { listBillingInvoices } from "./list-invoices.handler";
import { ZListBillingInvoicesInput } from "./list-invoices.schema";
import { openPortal } from "./open-portal.handler";
import { billingOverview } from "./overview.handler";
import { resumeSubscription } from "./resume.handler";
import { simulatePayment } from "./simulate-payment.handler";
import { ZSimulatePaymentInput } from "./simulate-payment.schema";
import { updatePaymentMethod } from "./update-payment-method.handler";
import { ZUpdatePaymentMethodInput } from "./update-payment-method.schema";

/**
 * The team's subscription. OWNER and ADMIN read it; only the OWNER changes it.
 * Every mutation that fixes or changes payment is allowed while the team is
 * soft-locked for an unpaid invoice: it is how the team gets unlocked.
 */
const manage = permissionProcedure("billing:manage").meta({ allowWhenSoftLocked: true });

export const billingRouter = createTRPCRouter({
  overview: permissionProcedure("billing:read").query(billingOverview),
  listInvoices: permissionProcedure("billing:read").input(ZListBillingInvoicesInput).query(listBillingInvoices),
  changePlan: manage.input(ZChangePlanInput).mutation(changePlan),
  openPortal: manage.mutation(openPortal),
  // The local provider's portal (refused while Stripe is connected: its portal does these).
  cancel: manage.mutation(cancelSubscription),
  resume: manage.mutation(resumeSubscription),
  updatePaymentMethod: manage.input(ZUpdatePaymentMethodInput).mutation(updatePaymentMethod),
  // Operators: a payment attempt on the local provider, to drive dunning without Stripe.
  simulatePayment: superadminProcedure.input(ZSimulatePaymentInput).mutation(simulatePayment),
});
