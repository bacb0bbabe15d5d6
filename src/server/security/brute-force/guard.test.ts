import { randomBytes } from "node:crypto";
import IORedis from "ioredis";
import { afterAll, describe, expect, it, vi } from "vitest";
import {
  accountId,
  BRUTE_FORCE_CONFIG,
  createBruteForceGuard,
  createBruteForceGuardFromEnv,
  createFallbackStore,
  createMemoryStore,
  createRedisStore,
  redisLabel,
  ZBruteForceConfig,
  type BruteForceConfig,
  type BruteForceStore,
} from ".";

const REDIS_URL = "redis://127.0.0.1:6379";
// One prefix per run: parallel runs never share counters, and cleanup finds only ours.
const runPrefix = `bf-test-${randomBytes(4).toString("hex")}`;
const opened: BruteForceStore[] = [];

afterAll(async () => {
  await Promise.all(opened.map((store) => store.close?.()));
  const redis = new IORedis(REDIS_URL);
  const keys = await redis.keys(`${runPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

const CONFIG: BruteForceConfig = {
  ...BRUTE_FORCE_CONFIG,
  accountMaxFailures: 3,
  ipMaxFailures: 5,
  lockoutBaseMs: 60_000,
  lockoutMaxMs: 150_000,
  signUpMaxPerIp: 2,
};

let serial = 0;
const unique = (label: string) => `${label}-${++serial}-${randomBytes(3).toString("hex")}`;

const stores: Record<string, () => BruteForceStore> = {
  memory: () => createMemoryStore(),
  redis: () => {
    const store = createRedisStore(REDIS_URL, { timeoutMs: 2000 });
    opened.push(store);
    return store;
  },
};

describe.each(Object.keys(stores))("brute-force guard on %s", (name) => {
  const guardFor = (config: BruteForceConfig = CONFIG) =>
    createBruteForceGuard({ store: stores[name]!(), config, prefix: `${runPrefix}-${name}` });

  it("locks an account after N failures, and only that failure reports the lockout", async () => {
    const guard = guardFor();
    const subject = { email: `${unique("a")}@test.local`, ip: "198.51.100.1" };
    const outcomes = [];
    for (let i = 0; i < 3; i++) {
      expect(await guard.checkSignIn(subject)).toEqual({ allowed: true });
      outcomes.push(await guard.recordFailure(subject));
    }
    expect(outcomes.map((o) => o.accountLocked)).toEqual([false, false, true]);
    expect(outcomes[2]).toMatchObject({ accountFailures: 3, accountLockoutMs: 60_000 });
    const gate = await guard.checkSignIn(subject);
    expect(gate.allowed).toBe(false);
    if (!gate.allowed) expect(gate.retryAfterSeconds).toBeGreaterThan(55);
    // The same account from another address, and in another case, is locked too.
    expect((await guard.checkSignIn({ email: subject.email.toUpperCase(), ip: "198.51.100.2" })).allowed).toBe(false);
  });

  it("reports a lockout once when many failures race", async () => {
    const guard = guardFor();
    const subject = { email: `${unique("race")}@test.local`, ip: "198.51.100.3" };
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => guard.recordFailure(subject)));
    expect(outcomes.filter((o) => o.accountLocked)).toHaveLength(1);
  });

  it("forgets an account's failures on success, not the address's", async () => {
    const guard = guardFor();
    const ip = "198.51.100.4";
    const email = `${unique("reset")}@test.local`;
    await guard.recordFailure({ email, ip });
    await guard.recordFailure({ email, ip });
    await guard.recordSuccess(email);
    const again = [await guard.recordFailure({ email, ip }), await guard.recordFailure({ email, ip })];
    expect(again.map((o) => o.accountFailures)).toEqual([1, 2]);
    expect(await guard.checkSignIn({ email, ip })).toEqual({ allowed: true });
    // Four failures from this address so far: the fifth locks it, whatever the account.
    const fifth = await guard.recordFailure({ email: `${unique("other")}@test.local`, ip });
    expect(fifth.ipLocked).toBe(true);
  });

  it("limits failures per address across many accounts", async () => {
    const guard = guardFor();
    const ip = "2001:db8::7";
    for (let i = 0; i < 5; i++) await guard.recordFailure({ email: `${unique("spray")}@test.local`, ip });
    const fresh = `${unique("fresh")}@test.local`;
    expect((await guard.checkSignIn({ email: fresh, ip })).allowed).toBe(false);
    expect(await guard.checkSignIn({ email: fresh, ip: "2001:db8::8" })).toEqual({ allowed: true });
  });

  it("doubles the cool-down of repeated lockouts, up to the cap", async () => {
    const store = stores[name]!();
    const prefix = `${runPrefix}-${name}`;
    const guard = createBruteForceGuard({ store, config: CONFIG, prefix });
    const email = `${unique("double")}@test.local`;
    const lockouts: number[] = [];
    for (let round = 0; round < 3; round++) {
      let outcome;
      for (let i = 0; i < 3; i++) outcome = await guard.recordFailure({ email, ip: `198.51.10${round}.9` });
      lockouts.push(outcome?.accountLockoutMs ?? 0);
      // The cool-down ends (its key expires) before the next round.
      await store.remove(`${prefix}:lock:acct:${accountId(email)}`);
    }
    expect(lockouts).toEqual([60_000, 120_000, 150_000]);
  });

  it("limits sign-ups per address", async () => {
    const guard = guardFor();
    const ip = "198.51.100.6";
    expect(await guard.hitSignUp(ip)).toEqual({ allowed: true });
    expect(await guard.hitSignUp(ip)).toEqual({ allowed: true });
    const third = await guard.hitSignUp(ip);
    expect(third.allowed).toBe(false);
    if (!third.allowed) expect(third.retryAfterSeconds).toBeGreaterThan(3000);
    expect(await guard.hitSignUp("198.51.100.66")).toEqual({ allowed: true });
  });
});

describe("brute-force guard in memory over time", () => {
  it("lets the account in again after the cool-down, with fresh attempts", async () => {
    let now = 1_000_000;
    const guard = createBruteForceGuard({ store: createMemoryStore({ now: () => now }), config: CONFIG });
    const subject = { email: "clock@test.local", ip: "198.51.100.10" };
    for (let i = 0; i < 3; i++) await guard.recordFailure(subject);
    now += 59_000;
    expect((await guard.checkSignIn(subject)).allowed).toBe(false);
    now += 1_001;
    expect(await guard.checkSignIn(subject)).toEqual({ allowed: true });
    expect((await guard.recordFailure(subject)).accountFailures).toBe(1);
  });

  it("stays bounded whatever the number of identities", async () => {
    const store = createMemoryStore({ maxEntries: 10 });
    for (let i = 0; i < 100; i++) await store.increment(`k${i}`, 60_000);
    expect(store.size()).toBeLessThanOrEqual(10);
    expect(await store.remainingMs("k99")).toBeGreaterThan(0);
  });
});

describe("when Redis is down", () => {
  it("falls back to memory, still locks, and logs once without the password", async () => {
    const down = "redis://:s3cret-pass@127.0.0.1:1";
    const primary = createRedisStore(down, { timeoutMs: 300 });
    opened.push(primary);
    const log = vi.fn<(line: string) => void>();
    const store = createFallbackStore(primary, createMemoryStore(), { label: down, log });
    const guard = createBruteForceGuard({ store, config: CONFIG, prefix: runPrefix });
    const subject = { email: "down@test.local", ip: "198.51.100.20" };
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await guard.recordFailure(subject));
    expect(outcomes[2]?.accountLocked).toBe(true);
    expect((await guard.checkSignIn(subject)).allowed).toBe(false);
    expect(store.degraded).toBe(true);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]?.[0]).toContain("unavailable");
    expect(log.mock.calls[0]?.[0]).not.toContain("s3cret-pass");
  });

  it("the guard built from REDIS_URL does the same", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const guard = createBruteForceGuardFromEnv({ REDIS_URL: "redis://user:hunter2-secret@127.0.0.1:1" });
      const subject = { email: `${unique("env")}@test.local`, ip: "198.51.100.21" };
      for (let i = 0; i < BRUTE_FORCE_CONFIG.accountMaxFailures; i++) await guard.recordFailure(subject);
      expect((await guard.checkSignIn(subject)).allowed).toBe(false);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toContain("redis://127.0.0.1:1");
      expect(String(warn.mock.calls[0]?.[0])).not.toContain("hunter2");
    } finally {
      warn.mockRestore();
    }
  });
});

describe("configuration", () => {
  it("is validated", () => {
    expect(ZBruteForceConfig.safeParse(BRUTE_FORCE_CONFIG).success).toBe(true);
    expect(ZBruteForceConfig.safeParse({ ...BRUTE_FORCE_CONFIG, accountMaxFailures: 0 }).success).toBe(false);
    expect(ZBruteForceConfig.safeParse({ ...BRUTE_FORCE_CONFIG, lockoutMaxMs: 1 }).success).toBe(false);
  });

  it("logs a Redis URL without its credentials", () => {
    expect(redisLabel("rediss://default:pw@cache.example:6380/0")).toBe("rediss://cache.example:6380");
    expect(redisLabel("not a url")).not.toContain("not a url");
  });
});
