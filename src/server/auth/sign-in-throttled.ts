// From @auth/core (what next-auth re-exports): importing next-auth itself pulls in next/server.
import { CredentialsSignin } from "@auth/core/errors";

/**
 * Credentials sign-in refused because the account or the address is locked
 * after too many failures. Thrown from authorize: Auth.js passes its own errors
 * through, so the sign-in action can show when to retry. The code goes into the
 * URL of a non-action sign-in; it is the same whether or not the account exists.
 */
export class SignInThrottledError extends CredentialsSignin {
  override code = "too_many_attempts";
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super("Too many failed sign-in attempts.");
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}
