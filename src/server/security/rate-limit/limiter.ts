import { describeError } from "@/server/log";
import { rateLimitKey, type RateLimitIdentity } from "./identity";
import { createMemoryStore } from "./memory-store";
import { DEFAULT_POLICIES, parseRateLimitEnv, policiesFrom, type PolicyName, type RateLimitPolicies } from "./policies";
import { createRedisStore, createUpstashStore } from "./redis-store";
import type { LimitResult, RateLimitStore, StoreHit } from "./types";

export type RateLimiter = {
  /** Counts one request of `identity` under `policy`. Never throws: a broken store fails open, or to memory for auth. */
  limit(policy: PolicyName, identity: RateLimitIdentity): Promise<LimitResult>;
  readonly storeName: string;
  readonly policies: RateLimitPolicies;
  close(): Promise<void>;
};

export type CreateRateLimiterOptions = {
  /** The shared store; memory when left out. */
  store?: RateLimitStore;
  /** Where the shared store is, for logs: host:port only, never credentials. */
  storeLabel?: string;
  policies?: RateLimitPolicies;
  prefix?: string;
  /** A store answer slower than this counts as the store being down. */
  timeoutMs?: number;
  /** After a failure the store is skipped this long, so an outage does not add the timeout to every request. */
  cooldownMs?: number;
  now?: () => number;
  warn?: (line: string) => void;
};

class StoreTimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = "StoreTimeoutError";
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreTimeoutError(ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function toResult(hit: StoreHit, now: number): LimitResult {
  return {
    success: hit.success,
    limit: hit.limit,
    remaining: hit.remaining,
    resetAt: hit.resetAt,
    retryAfterSeconds: hit.success ? 0 : Math.max(1, Math.ceil((hit.resetAt - now) / 1000)),
  };
}

const LOG_EVERY_MS = 60_000;

export function createRateLimiter(options: CreateRateLimiterOptions = {}): RateLimiter {
  const policies = options.policies ?? DEFAULT_POLICIES;
  const prefix = options.prefix ?? "rl";
  const timeoutMs = options.timeoutMs ?? 300;
  const cooldownMs = options.cooldownMs ?? 5_000;
  const now = options.now ?? Date.now;
  const warn = options.warn ?? ((line: string) => console.warn(line));
  const shared = options.store;
  // The store itself when there is no shared one; else what auth falls back to while it is down.
  const memory = createMemoryStore();
  let skipSharedUntil = 0;
  let lastLoggedAt = Number.NEGATIVE_INFINITY;

  function reportDown(error: unknown, at: number) {
    if (at - lastLoggedAt < LOG_EVERY_MS) return;
    lastLoggedAt = at;
    warn(
      `[rate-limit] ${shared?.name ?? "store"} at ${options.storeLabel ?? "?"} unavailable (${describeError(error)}): ` +
        "general limits fail open, auth limits continue in memory.",
    );
  }

  return {
    storeName: shared?.name ?? "memory",
    policies,
    async limit(policyName, identity) {
      const policy = policies[policyName];
      const key = rateLimitKey(prefix, policyName, identity);
      const started = now();
      if (!shared) return toResult(await memory.hit(key, policy, started), started);
      if (started >= skipSharedUntil) {
        try {
          return toResult(await withTimeout(shared.hit(key, policy, started), timeoutMs), now());
        } catch (error) {
          skipSharedUntil = now() + cooldownMs;
          reportDown(error, now());
        }
      }
      if (policy.onStoreDown === "memory") return toResult(await memory.hit(key, policy, started), started);
      return { success: true, limit: policy.limit, remaining: policy.limit, resetAt: started + policy.windowMs, retryAfterSeconds: 0 };
    },
    async close() {
      await shared?.close?.();
    },
  };
}

/** host:port of a store URL, for logs. */
function storeLabelOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.port ? `${parsed.hostname}:${parsed.port}` : parsed.hostname;
  } catch {
    return "(unparseable URL)";
  }
}

/** The limiter the environment asks for: Upstash REST, else a Redis server, else memory. */
export function createRateLimiterFromEnv(source: Record<string, string | undefined>): RateLimiter {
  const env = parseRateLimitEnv(source);
  const common = { policies: policiesFrom(env), prefix: env.RATE_LIMIT_PREFIX ?? "rl", timeoutMs: env.RATE_LIMIT_STORE_TIMEOUT_MS };
  if (env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN) {
    return createRateLimiter({
      ...common,
      store: createUpstashStore(env.UPSTASH_REDIS_REST_URL, env.UPSTASH_REDIS_REST_TOKEN),
      storeLabel: storeLabelOf(env.UPSTASH_REDIS_REST_URL),
    });
  }
  if (env.REDIS_URL) {
    return createRateLimiter({ ...common, store: createRedisStore(env.REDIS_URL), storeLabel: storeLabelOf(env.REDIS_URL) });
  }
  return createRateLimiter(common);
}
