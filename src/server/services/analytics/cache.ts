import { TtlCache } from "@/server/cache/ttl-cache";

/**
 * Cache of computed analytics. A report is keyed by its scope, its range and a
 * watermark of the data it reads (see watermark in queries.ts): the watermark is
 * read from the database on every request — a few index lookups — so a new
 * revenue or usage event changes the key at once, in every process, and the
 * stale answer is simply never asked for again (it ages out). The TTL bounds
 * what the watermark cannot see (a renamed user or team in the top-users list).
 */
const TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 200;

const cache = new TtlCache<unknown>(MAX_ENTRIES);
/** Computations under way, so concurrent requests for one key compute it once. */
const pending = new Map<string, Promise<unknown>>();

export async function cachedAnalytics<T>(key: string, watermark: string, compute: () => Promise<T>, now = Date.now()): Promise<T> {
  const fullKey = `${key}@${watermark}`;
  const hit = cache.get(fullKey, now) as T | undefined;
  if (hit !== undefined) return hit;
  const running = pending.get(fullKey) as Promise<T> | undefined;
  if (running) return running;
  const promise = compute().then(
    (value) => {
      cache.set(fullKey, value, now + TTL_MS);
      pending.delete(fullKey);
      return value;
    },
    (error: unknown) => {
      pending.delete(fullKey);
      throw error;
    },
  );
  pending.set(fullKey, promise);
  return promise;
}

export function resetAnalyticsCacheForTests(): void {
  cache.deleteWhere(() => true);
  pending.clear();
}
