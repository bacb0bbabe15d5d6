import { createHash } from "node:crypto";
import type { BruteForceConfig } from "./config";
import type { BruteForceStore } from "./store";

/** Allowed, or refused for `retryAfterSeconds` (at least 1). */
export type Gate = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** What a failed sign-in led to; `accountLocked` is true only for the failure that started a lockout. */
export type FailureOutcome = {
  accountFailures: number;
  accountLocked: boolean;
  /** Length of the account lockout just started (0 when none was). */
  accountLockoutMs: number;
  ipLocked: boolean;
};

export type SignInSubject = { email: string; ip: string };

/** Refused (locked meanwhile), or allowed; `accountLocked` when this very attempt started the lockout. */
export type AttemptReservation =
  | { allowed: false; retryAfterSeconds: number }
  | { allowed: true; accountFailures: number; accountLocked: boolean; accountLockoutMs: number };

export type BruteForceGuard = {
  /** Refuses while the account or the address is locked. Reads only: it counts nothing. */
  checkSignIn(subject: SignInSubject): Promise<Gate>;
  recordFailure(subject: SignInSubject): Promise<FailureOutcome>;
  /**
   * Counts the attempt against the account BEFORE the password is compared, so
   * attempts sent in parallel cannot all slip past a lock that only the slow
   * comparison would have set: once the account's lockout exists, every later
   * attempt is refused. A success clears it (recordSuccess).
   */
  reserveAttempt(email: string): Promise<AttemptReservation>;
  /** Counts a failed attempt against the address (the account was counted by reserveAttempt). */
  recordAddressFailure(ip: string): Promise<{ ipLocked: boolean }>;
  /** The account's failures and lockout history are forgotten; the address's are not. */
  recordSuccess(email: string): Promise<void>;
  /** Counts one sign-up attempt from `ip` and says whether it may proceed. */
  hitSignUp(ip: string): Promise<Gate>;
};

/** Emails are normalised (trimmed, lower case) and hashed, so keys never hold one. */
export function accountId(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 32);
}

const SAFE_IP = /^[0-9a-f:.]{1,64}$|^unknown$/i;

function ipId(ip: string): string {
  return SAFE_IP.test(ip) ? ip.toLowerCase() : `h.${createHash("sha256").update(ip).digest("hex").slice(0, 32)}`;
}

function secondsOf(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/**
 * Failed sign-ins are counted per account and per client address in a fixed
 * window. Reaching the limit starts a lockout (a key with a TTL); each further
 * lockout of the same account or address within `strikeMemoryMs` lasts twice
 * as long, up to the cap. Only the call that creates the lockout key reports
 * it, so the owner is told once per lockout even under concurrent attempts.
 */
export function createBruteForceGuard(options: { store: BruteForceStore; config: BruteForceConfig; prefix?: string }): BruteForceGuard {
  const { store, config } = options;
  const prefix = options.prefix ?? "bf";
  const keys = (kind: "acct" | "ip", id: string) => ({
    failures: `${prefix}:fail:${kind}:${id}`,
    lock: `${prefix}:lock:${kind}:${id}`,
    strikes: `${prefix}:strike:${kind}:${id}`,
  });

  async function gateOf(...lockKeys: string[]): Promise<Gate> {
    const remaining = Math.max(0, ...(await Promise.all(lockKeys.map((key) => store.remainingMs(key)))));
    return remaining > 0 ? { allowed: false, retryAfterSeconds: secondsOf(remaining) } : { allowed: true };
  }

  /** Counts one failure; returns the lockout length when this failure started one, else 0. */
  async function fail(k: ReturnType<typeof keys>, max: number): Promise<{ failures: number; lockoutMs: number }> {
    const failures = await store.increment(k.failures, config.failureWindowMs);
    if (failures < max) return { failures, lockoutMs: 0 };
    if (!(await store.createIfAbsent(k.lock, config.lockoutBaseMs))) return { failures, lockoutMs: 0 };
    const strikes = await store.increment(k.strikes, config.strikeMemoryMs);
    const lockoutMs = Math.min(config.lockoutBaseMs * 2 ** Math.min(strikes - 1, 30), config.lockoutMaxMs);
    if (lockoutMs !== config.lockoutBaseMs) await store.setTtl(k.lock, lockoutMs);
    // After the cool-down the count starts again, so the next lockout needs N fresh failures.
    await store.remove(k.failures);
    return { failures, lockoutMs };
  }

  return {
    checkSignIn({ email, ip }) {
      return gateOf(keys("acct", accountId(email)).lock, keys("ip", ipId(ip)).lock);
    },
    async recordFailure({ email, ip }) {
      const [account, address] = await Promise.all([
        fail(keys("acct", accountId(email)), config.accountMaxFailures),
        fail(keys("ip", ipId(ip)), config.ipMaxFailures),
      ]);
      return {
        accountFailures: account.failures,
        accountLocked: account.lockoutMs > 0,
        accountLockoutMs: account.lockoutMs,
        ipLocked: address.lockoutMs > 0,
      };
    },
    async reserveAttempt(email) {
      const k = keys("acct", accountId(email));
      const counted = await fail(k, config.accountMaxFailures);
      // This attempt started the lockout: it is the Nth and is still judged.
      if (counted.lockoutMs > 0) return { allowed: true, accountFailures: counted.failures, accountLocked: true, accountLockoutMs: counted.lockoutMs };
      const gate = await gateOf(k.lock);
      if (!gate.allowed) return gate;
      return { allowed: true, accountFailures: counted.failures, accountLocked: false, accountLockoutMs: 0 };
    },
    async recordAddressFailure(ip) {
      const address = await fail(keys("ip", ipId(ip)), config.ipMaxFailures);
      return { ipLocked: address.lockoutMs > 0 };
    },
    async recordSuccess(email) {
      const k = keys("acct", accountId(email));
      // The right password ends a lockout its own attempt (or a parallel one) started.
      await store.remove(k.failures, k.strikes, k.lock);
    },
    async hitSignUp(ip) {
      const key = `${prefix}:signup:ip:${ipId(ip)}`;
      const count = await store.increment(key, config.signUpWindowMs);
      if (count <= config.signUpMaxPerIp) return { allowed: true };
      return { allowed: false, retryAfterSeconds: secondsOf(await store.remainingMs(key)) };
    },
  };
}
