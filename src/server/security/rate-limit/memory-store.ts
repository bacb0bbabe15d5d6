import type { RateLimitPolicy } from "./policies";
import type { RateLimitStore, StoreHit } from "./types";

type Entry = { window: number; current: number; previous: number; expiresAt: number };

/**
 * A sliding window in this process's memory, with the same arithmetic as
 * @upstash/ratelimit's slidingWindow (the Redis stores): two fixed windows, the
 * previous one weighted by how much of it still overlaps the sliding window.
 * Memory is bounded: entries expire two windows after their last hit, and when
 * `maxEntries` is reached the expired ones are swept, then the least recently
 * used is dropped (a flood of identities can only evict, never exhaust memory).
 */
export function createMemoryStore(options: { maxEntries?: number } = {}): RateLimitStore & { size(): number } {
  const maxEntries = options.maxEntries ?? 50_000;
  const entries = new Map<string, Entry>();

  function sweep(now: number) {
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
  }

  function hitSync(key: string, policy: RateLimitPolicy, now: number): StoreHit {
    const { limit, windowMs } = policy;
    const window = Math.floor(now / windowMs);
    let entry = entries.get(key);
    if (entry && entry.expiresAt <= now) entry = undefined;
    if (!entry) {
      if (entries.size >= maxEntries) {
        sweep(now);
        // Still full: drop the least recently used (the Map keeps insertion order, hits re-insert).
        while (entries.size >= maxEntries) {
          const oldest = entries.keys().next();
          if (oldest.done) break;
          entries.delete(oldest.value);
        }
      }
      entry = { window, current: 0, previous: 0, expiresAt: 0 };
    } else if (entry.window !== window) {
      entry.previous = entry.window === window - 1 ? entry.current : 0;
      entry.current = 0;
      entry.window = window;
    }
    entries.delete(key);
    entries.set(key, entry);
    entry.expiresAt = (window + 2) * windowMs;
    const resetAt = (window + 1) * windowMs;
    const weightedPrevious = Math.floor((1 - (now % windowMs) / windowMs) * entry.previous);
    if (weightedPrevious + entry.current >= limit) return { success: false, limit, remaining: 0, resetAt };
    entry.current += 1;
    return { success: true, limit, remaining: Math.max(0, limit - (entry.current + weightedPrevious)), resetAt };
  }

  return {
    name: "memory",
    hit: (key, policy, now) => Promise.resolve(hitSync(key, policy, now)),
    size: () => entries.size,
  };
}
