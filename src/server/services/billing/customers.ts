import { createHash } from "node:crypto";
import { getBaseDb } from "../../db/client";
import { ConflictError, DomainError, NotFoundError } from "../../errors";
import { billingConfig, type StripeConfig } from "./config";
import { stripeClient, type Stripe } from "./stripe-client";
import { callStripe, isStripeError } from "./stripe-errors";
import { getSubscription } from "./subscriptions";

/**
 * One Stripe customer per team, its id kept on the team's Subscription row, so
 * webhooks (which name only the customer) find the team, and a second checkout
 * reuses the customer instead of creating another.
 */
export type CustomerUser = { id: string; email: string | null };

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

function configured(config: StripeConfig | undefined): StripeConfig {
  const resolved = config ?? billingConfig().stripe;
  if (!resolved) throw new DomainError("UNPROCESSABLE", "Billing is not connected to Stripe.");
  return resolved;
}

/** The team's Stripe customer id: the stored one, else a new customer (stored before it is returned). */
export async function ensureStripeCustomer(teamId: string, user: CustomerUser, config?: StripeConfig): Promise<string> {
  const stripeConfig = configured(config);
  const subscription = await getSubscription(teamId);
  if (subscription.stripeCustomerId) return subscription.stripeCustomerId;

  const db = getBaseDb();
  const team = await db.team.findUnique({ where: { id: teamId }, select: { name: true } });
  if (!team) throw new NotFoundError("Team");

  const params: Stripe.CustomerCreateParams = {
    name: team.name,
    metadata: { teamId },
    ...(user.email ? { email: user.email } : {}),
  };
  const stripe = stripeClient(stripeConfig);
  // The key is the team's: a retry after a lost answer, or two tabs at once, get
  // the same customer back from Stripe instead of a second one.
  const create = (idempotencyKey: string) => stripe.customers.create(params, { idempotencyKey });
  const customer = await callStripe("customer creation", async () => {
    try {
      return await create(`customer:${teamId}`);
    } catch (error) {
      // Stripe refuses a key reused with other parameters (another owner's email
      // within 24 hours of a lost first answer): a key of these parameters is
      // still one customer per attempt of the same request.
      if (isStripeError(error) && error.type === "StripeIdempotencyError") {
        const digest = createHash("sha256").update(JSON.stringify(params)).digest("hex").slice(0, 16);
        return create(`customer:${teamId}:${digest}`);
      }
      throw error;
    }
  });

  try {
    const stored = await db.subscription.updateMany({ where: { teamId, stripeCustomerId: null }, data: { stripeCustomerId: customer.id } });
    if (stored.count === 1) return customer.id;
  } catch (error) {
    // The id is unique: Stripe gave us a customer another team already holds.
    if (isUniqueViolation(error)) throw new ConflictError("This billing account already belongs to another team.");
    throw error;
  }
  // A concurrent request stored a customer first: use theirs (with the team's
  // idempotency key it is normally the same customer).
  const current = await db.subscription.findUnique({ where: { teamId }, select: { stripeCustomerId: true } });
  if (current?.stripeCustomerId) return current.stripeCustomerId;
  throw new NotFoundError("Team");
}
