import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import IORedis from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createRateLimiter, createRateLimiterFromEnv, DEFAULT_POLICIES, type RateLimiter, type RateLimitPolicies } from ".";
import { createMemoryStore } from "./memory-store";
import { createRedisStore } from "./redis-store";

const REDIS_URL = "redis://127.0.0.1:6379";
// One prefix per run: parallel runs never share counters, and cleanup finds only ours.
const runPrefix = `rl-test-${randomBytes(4).toString("hex")}`;
const opened: RateLimiter[] = [];

afterAll(async () => {
  await Promise.all(opened.map((limiter) => limiter.close()));
  const redis = new IORedis(REDIS_URL);
  const keys = await redis.keys(`${runPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

const SHORT: RateLimitPolicies = {
  api: { limit: 5, windowMs: 1000, onStoreDown: "open" },
  ai: { limit: 2, windowMs: 1000, onStoreDown: "open" },
  auth: { limit: 3, windowMs: 60_000, onStoreDown: "memory" },
};

async function hits(limiter: RateLimiter, count: number, policy: "api" | "ai" | "auth", value: string) {
  const results = [];
  for (let i = 0; i < count; i++) results.push(await limiter.limit(policy, { kind: "user", value }));
  return results;
}

const stores = {
  memory: (policies: RateLimitPolicies, prefix: string) => createRateLimiter({ policies, prefix }),
  redis: (policies: RateLimitPolicies, prefix: string) => {
    const limiter = createRateLimiter({ policies, prefix, store: createRedisStore(REDIS_URL), timeoutMs: 2000 });
    opened.push(limiter);
    return limiter;
  },
};

describe.each(Object.entries(stores))("rate limiter on %s", (name, make) => {
  const prefix = `${runPrefix}-${name}`;

  it("lets 100 requests in 10 s through and refuses the 101st, with a retry time", async () => {
    const limiter = make(DEFAULT_POLICIES, prefix);
    const results = await hits(limiter, 101, "api", `u-${name}-100`);
    expect(results.slice(0, 100).every((r) => r.success)).toBe(true);
    expect(results[0]).toMatchObject({ limit: 100, remaining: 99, retryAfterSeconds: 0 });
    const refused = results[100];
    expect(refused).toMatchObject({ success: false, limit: 100, remaining: 0 });
    expect(refused?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused?.retryAfterSeconds).toBeLessThanOrEqual(10);
    expect(refused?.resetAt).toBeGreaterThan(Date.now());
  });

  it("slides: refused requests pass again once the window has moved on", async () => {
    const limiter = make(SHORT, prefix);
    const first = await hits(limiter, 6, "api", `u-${name}-slide`);
    expect(first.map((r) => r.success)).toEqual([true, true, true, true, true, false]);
    // Two full windows later the old hits no longer weigh.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const later = await hits(limiter, 6, "api", `u-${name}-slide`);
    expect(later.map((r) => r.success)).toEqual([true, true, true, true, true, false]);
  });

  it("keeps users, addresses and policies apart", async () => {
    const limiter = make(SHORT, prefix);
    await hits(limiter, 5, "api", `a-${name}`);
    expect((await limiter.limit("api", { kind: "user", value: `a-${name}` })).success).toBe(false);
    expect((await limiter.limit("api", { kind: "user", value: `b-${name}` })).success).toBe(true);
    // The same string as an address is another bucket.
    expect((await limiter.limit("api", { kind: "ip", value: `a-${name}` })).success).toBe(true);
    // Other policies count on their own.
    expect((await limiter.limit("ai", { kind: "user", value: `a-${name}` })).success).toBe(true);
  });
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("when the store is down", () => {
  it("fails open for api, keeps limiting auth in memory, and logs once without the password", async () => {
    const lines: string[] = [];
    const url = `redis://:hunter2-secret@127.0.0.1:${await closedPort()}`;
    const limiter = createRateLimiter({ policies: SHORT, prefix: runPrefix, store: createRedisStore(url), storeLabel: "127.0.0.1", warn: (line) => lines.push(line) });
    opened.push(limiter);
    const api = await hits(limiter, 20, "api", "down-user");
    expect(api.every((r) => r.success)).toBe(true);
    const auth = await hits(limiter, 5, "auth", "down-user");
    expect(auth.map((r) => r.success)).toEqual([true, true, true, false, false]);
    expect(auth[3]?.retryAfterSeconds).toBeGreaterThan(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("unavailable");
    expect(lines.join("\n")).not.toContain("hunter2");
  });

  it("counts a store slower than the timeout as down", async () => {
    const never = { name: "slow", hit: () => new Promise<never>(() => undefined) };
    const limiter = createRateLimiter({ policies: SHORT, store: never, timeoutMs: 50, warn: () => undefined });
    const started = Date.now();
    expect((await limiter.limit("api", { kind: "ip", value: "1.2.3.4" })).success).toBe(true);
    // Then the store is skipped for a while: no waiting on every request.
    expect((await limiter.limit("api", { kind: "ip", value: "1.2.3.4" })).success).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
    const auth = await hits(limiter, 4, "auth", "slow");
    expect(auth.map((r) => r.success)).toEqual([true, true, true, false]);
  });

  it("picks the store from the environment and rejects half an Upstash config", () => {
    expect(createRateLimiterFromEnv({}).storeName).toBe("memory");
    const redis = createRateLimiterFromEnv({ REDIS_URL });
    opened.push(redis);
    expect(redis.storeName).toBe("redis");
    expect(createRateLimiterFromEnv({ UPSTASH_REDIS_REST_URL: "https://example.upstash.io", UPSTASH_REDIS_REST_TOKEN: "t" }).storeName).toBe("upstash");
    expect(() => createRateLimiterFromEnv({ UPSTASH_REDIS_REST_URL: "https://example.upstash.io" })).toThrow(/both/);
    expect(() => createRateLimiterFromEnv({ REDIS_URL: "http://nope" })).toThrow(/REDIS_URL/);
    expect(createRateLimiterFromEnv({ RATE_LIMIT_API: "7/2s" }).policies.api).toMatchObject({ limit: 7, windowMs: 2000 });
    expect(() => createRateLimiterFromEnv({ RATE_LIMIT_AI: "lots" })).toThrow(/RATE_LIMIT_AI/);
  });
});

describe("memory store", () => {
  it("stays within its bound and forgets expired entries", async () => {
    const store = createMemoryStore({ maxEntries: 100 });
    const policy = { limit: 1, windowMs: 1000, onStoreDown: "open" as const };
    for (let i = 0; i < 1000; i++) await store.hit(`k${i}`, policy, 10_000);
    expect(store.size()).toBeLessThanOrEqual(100);
    // The most recent key is still counted.
    expect((await store.hit("k999", policy, 10_000)).success).toBe(false);
    // Two windows later everything has expired: a new key sweeps them out once full.
    for (let i = 0; i < 100; i++) await store.hit(`n${i}`, policy, 20_000);
    expect(store.size()).toBe(100);
    expect((await store.hit("k999", policy, 20_000)).success).toBe(true);
  });

  it("weighs the previous window like the Redis script", async () => {
    const store = createMemoryStore();
    const policy = { limit: 10, windowMs: 1000, onStoreDown: "open" as const };
    for (let i = 0; i < 10; i++) expect((await store.hit("w", policy, 5000 + i)).success).toBe(true);
    // Half way into the next window half of the previous 10 still count: 5 more pass.
    const next = [];
    for (let i = 0; i < 6; i++) next.push((await store.hit("w", policy, 6500)).success);
    expect(next).toEqual([true, true, true, true, true, false]);
  });
});
