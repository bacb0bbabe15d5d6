import { BRUTE_FORCE_CONFIG } from "./config";
import { createFallbackStore } from "./fallback-store";
import { createBruteForceGuard, type BruteForceGuard } from "./guard";
import { createRedisStore } from "./redis-store";
import { createMemoryStore } from "./store";

export { BRUTE_FORCE_CONFIG, ZBruteForceConfig, type BruteForceConfig } from "./config";
export { SignUpThrottledError } from "./errors";
export { createFallbackStore } from "./fallback-store";
export { accountId, createBruteForceGuard, type BruteForceGuard, type FailureOutcome, type Gate, type SignInSubject } from "./guard";
export { createRedisStore } from "./redis-store";
export { createMemoryStore, type BruteForceStore } from "./store";

/** scheme://host:port of a Redis URL, for logs: never its user or password. */
export function redisLabel(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return "redis (unparseable REDIS_URL)";
  }
}

/** Redis when REDIS_URL is set (memory while it is down), this process's memory otherwise. */
export function createBruteForceGuardFromEnv(env: { REDIS_URL?: string | undefined }): BruteForceGuard {
  const url = env.REDIS_URL?.trim();
  const memory = createMemoryStore();
  const store = url ? createFallbackStore(createRedisStore(url), memory, { label: redisLabel(url) }) : memory;
  return createBruteForceGuard({ store, config: BRUTE_FORCE_CONFIG });
}

let current: BruteForceGuard | undefined;

/** The process's guard, built on first use (one Redis connection per process). */
export function getBruteForceGuard(): BruteForceGuard {
  current ??= createBruteForceGuardFromEnv({ REDIS_URL: process.env.REDIS_URL });
  return current;
}

/** Tests swap the guard (own prefix, short cool-downs, a store that is down); null goes back to the environment's. */
export function setBruteForceGuardForTests(guard: BruteForceGuard | null): void {
  current = guard ?? undefined;
}
