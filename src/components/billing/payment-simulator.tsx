import { getBillingProvider } from "@/server/services/billing/provider";
import { PaymentSimulatorForm, type SimulatorTeam } from "./payment-simulator-form";

/**
 * Operators' billing simulation on the platform page, shown only while billing
 * is local (with Stripe connected, real or test-clock payments drive dunning).
 */
export function PaymentSimulator({ teams }: { teams: readonly SimulatorTeam[] }) {
  if (getBillingProvider().connected) return null;
  return <PaymentSimulatorForm teams={teams} />;
}
