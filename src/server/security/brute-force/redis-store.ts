import IORedis from "ioredis";
import type { BruteForceStore } from "./store";

/**
 * Counters on a Redis server (REDIS_URL), shared by every app instance. Plain
 * commands only (INCR + PEXPIRE NX in one MULTI, SET PX NX): no scripts. Commands
 * fail fast while the server is unreachable (one attempt, short timeouts, the
 * reconnects happen in the background) so the caller can fall back to memory.
 */
export function createRedisStore(url: string, options: { timeoutMs?: number } = {}): BruteForceStore {
  const timeoutMs = options.timeoutMs ?? 500;
  const client = new IORedis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableReadyCheck: false,
    retryStrategy: (attempt) => Math.min(attempt * 250, 5000),
  });
  // Without a listener ioredis prints every failed reconnect (with the URL); the fallback store logs once.
  client.on("error", () => undefined);

  return {
    name: "redis",
    async increment(key, ttlMs) {
      const replies = await client.multi().incr(key).pexpire(key, ttlMs, "NX").exec();
      const [error, count] = replies?.[0] ?? [new Error("Redis MULTI was discarded."), null];
      if (error) throw error;
      return Number(count);
    },
    async createIfAbsent(key, ttlMs) {
      return (await client.set(key, "1", "PX", ttlMs, "NX")) === "OK";
    },
    async setTtl(key, ttlMs) {
      await client.set(key, "1", "PX", ttlMs);
    },
    async remainingMs(key) {
      // -2: no such key; -1: no expiry, which these keys never lack (treated as gone rather than eternal).
      return Math.max(0, await client.pttl(key));
    },
    async remove(...keys) {
      if (keys.length > 0) await client.del(...keys);
    },
    async close() {
      client.disconnect();
    },
  };
}
