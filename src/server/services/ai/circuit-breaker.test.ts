import { describe, expect, it } from "vitest";
import { CircuitBreaker } from "./circuit-breaker";

function breaker(failureThreshold = 3, cooldownMs = 1_000) {
  const clock = { t: 10_000 };
  return { clock, breaker: new CircuitBreaker({ failureThreshold, cooldownMs, now: () => clock.t }) };
}

describe("CircuitBreaker", () => {
  it("opens after N consecutive failures; a success in between resets the count", () => {
    const { breaker: b, clock } = breaker();
    b.failure();
    b.failure();
    b.success();
    b.failure();
    b.failure();
    expect(b.state()).toBe("closed");
    b.failure();
    expect(b.state()).toBe("open");
    expect(b.tryAcquire()).toBe(false);
    expect(b.retryAt()).toBe(clock.t + 1_000);
  });

  it("lets exactly one trial through when half-open; its success closes the breaker", () => {
    const { breaker: b, clock } = breaker(1);
    b.failure();
    clock.t += 999;
    expect(b.tryAcquire()).toBe(false);
    clock.t += 1;
    expect(b.state()).toBe("half-open");
    expect(b.retryAt()).toBeNull();
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false);
    b.success();
    expect(b.state()).toBe("closed");
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(true);
  });

  it("re-opens for a full cooldown when the half-open trial fails", () => {
    const { breaker: b, clock } = breaker(3);
    b.failure();
    b.failure();
    b.failure();
    clock.t += 1_000;
    expect(b.tryAcquire()).toBe(true);
    b.failure();
    expect(b.state()).toBe("open");
    expect(b.retryAt()).toBe(clock.t + 1_000);
    clock.t += 1_000;
    expect(b.tryAcquire()).toBe(true);
  });
});
