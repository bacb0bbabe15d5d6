import { DomainError } from "../../errors";

/** Too many sign-up attempts from one address: nothing was created; the client may retry after `retryAfterSeconds`. */
export class SignUpThrottledError extends DomainError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super("RATE_LIMITED", "Too many sign-up attempts from this network. Please try again later.");
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}
