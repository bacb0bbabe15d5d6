import { redactUrls } from "../../db/redact";
import { describeError } from "../../log";
import type { BruteForceStore } from "./store";

/** How long the primary store is skipped after it failed, before it is tried again. */
const RETRY_AFTER_MS = 30_000;

/**
 * The primary store (Redis) while it answers, this process's memory while it
 * does not: protection degrades to per-instance counting, it never switches
 * off. The outage is logged once (and the recovery once), with the URL's
 * password masked. Counts made in memory during an outage are not copied back.
 */
export function createFallbackStore(
  primary: BruteForceStore,
  memory: BruteForceStore,
  options: { label: string; now?: () => number; log?: (line: string) => void },
): BruteForceStore & { readonly degraded: boolean } {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.warn(line));
  const label = redactUrls(options.label);
  let down = false;
  let retryAt = 0;

  async function run<T>(operation: (store: BruteForceStore) => Promise<T>): Promise<T> {
    if (down && now() < retryAt) return operation(memory);
    try {
      const result = await operation(primary);
      if (down) {
        down = false;
        log(`[brute-force] ${label} answers again; counting there`);
      }
      return result;
    } catch (error) {
      if (!down) log(`[brute-force] ${label} is unavailable (${describeError(error)}); counting in memory`);
      down = true;
      retryAt = now() + RETRY_AFTER_MS;
      return operation(memory);
    }
  }

  return {
    name: `${primary.name}+memory`,
    get degraded() {
      return down;
    },
    increment: (key, ttlMs) => run((s) => s.increment(key, ttlMs)),
    createIfAbsent: (key, ttlMs) => run((s) => s.createIfAbsent(key, ttlMs)),
    setTtl: (key, ttlMs) => run((s) => s.setTtl(key, ttlMs)),
    remainingMs: (key) => run((s) => s.remainingMs(key)),
    remove: (...keys) => run((s) => s.remove(...keys)),
    async close() {
      await primary.close?.();
    },
  };
}
