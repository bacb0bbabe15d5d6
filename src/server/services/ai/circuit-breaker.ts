/**
 * A circuit breaker for one AI provider. After `failureThreshold` consecutive
 * failures it opens: calls fail fast (no request, no waiting for a timeout) until
 * `cooldownMs` has passed. Then it is half-open: exactly one trial call goes
 * through; its success closes the breaker, its failure opens it for another
 * cooldown. In-process state: each server instance protects itself.
 */
export type BreakerState = "closed" | "open" | "half-open";

export type CircuitBreakerOptions = {
  failureThreshold?: number;
  cooldownMs?: number;
  now?: () => number;
};

export class CircuitBreaker {
  private readonly failureThreshold: number;
  private readonly cooldownMs: number;
  private readonly now: () => number;
  private consecutiveFailures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;

  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = Math.max(1, options.failureThreshold ?? 3);
    this.cooldownMs = Math.max(0, options.cooldownMs ?? 30_000);
    this.now = options.now ?? Date.now;
  }

  state(): BreakerState {
    if (this.openedAt === null) return "closed";
    return this.now() - this.openedAt >= this.cooldownMs ? "half-open" : "open";
  }

  /** When calls may go through again (epoch ms), while the breaker is open. */
  retryAt(): number | null {
    return this.state() === "open" && this.openedAt !== null ? this.openedAt + this.cooldownMs : null;
  }

  /**
   * Asks to make a call. False: fail fast. Every true must be followed by
   * exactly one success() or failure(), or a half-open breaker stays blocked.
   */
  tryAcquire(): boolean {
    const state = this.state();
    if (state === "closed") return true;
    if (state === "open" || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  success(): void {
    this.consecutiveFailures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  failure(): void {
    const wasTrial = this.trialInFlight;
    this.trialInFlight = false;
    this.consecutiveFailures += 1;
    if (wasTrial || this.consecutiveFailures >= this.failureThreshold) this.openedAt = this.now();
  }
}
