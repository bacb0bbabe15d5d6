/**
 * The few counter operations brute-force protection needs. Every key expires:
 * nothing here outlives its window, whichever store holds it. Times are
 * milliseconds; `now` lets tests move the in-memory clock.
 */
export type BruteForceStore = {
  readonly name: string;
  /** Adds one and returns the new count; the key expires `ttlMs` after its first increment. */
  increment(key: string, ttlMs: number): Promise<number>;
  /** Creates the key for `ttlMs` unless it exists; true when this call created it. */
  createIfAbsent(key: string, ttlMs: number): Promise<boolean>;
  /** Sets (or replaces) the key's lifetime to `ttlMs` from now, creating it if needed. */
  setTtl(key: string, ttlMs: number): Promise<void>;
  /** Milliseconds the key has left, 0 when it does not exist. */
  remainingMs(key: string): Promise<number>;
  remove(...keys: string[]): Promise<void>;
  close?(): Promise<void>;
};

type Entry = { value: number; expiresAt: number };

/**
 * Counters in this process's memory. Bounded: expired entries are swept when it
 * is full, then the least recently written is dropped, so a flood of made-up
 * emails can only evict old counters, never exhaust memory.
 */
export function createMemoryStore(options: { maxEntries?: number; now?: () => number } = {}): BruteForceStore & { size(): number } {
  const maxEntries = options.maxEntries ?? 50_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();

  function live(key: string, at: number): Entry | undefined {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= at) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  function write(key: string, entry: Entry, at: number) {
    entries.delete(key);
    if (entries.size >= maxEntries) {
      for (const [k, e] of entries) if (e.expiresAt <= at) entries.delete(k);
      // Still full: drop the oldest writes (a Map iterates in insertion order).
      for (const k of entries.keys()) {
        if (entries.size < maxEntries) break;
        entries.delete(k);
      }
    }
    entries.set(key, entry);
  }

  return {
    name: "memory",
    increment(key, ttlMs) {
      const at = now();
      const entry = live(key, at) ?? { value: 0, expiresAt: at + ttlMs };
      write(key, { value: entry.value + 1, expiresAt: entry.expiresAt }, at);
      return Promise.resolve(entry.value + 1);
    },
    createIfAbsent(key, ttlMs) {
      const at = now();
      if (live(key, at)) return Promise.resolve(false);
      write(key, { value: 1, expiresAt: at + ttlMs }, at);
      return Promise.resolve(true);
    },
    setTtl(key, ttlMs) {
      const at = now();
      write(key, { value: live(key, at)?.value ?? 1, expiresAt: at + ttlMs }, at);
      return Promise.resolve();
    },
    remainingMs(key) {
      const at = now();
      const entry = live(key, at);
      return Promise.resolve(entry ? entry.expiresAt - at : 0);
    },
    remove(...keys) {
      for (const key of keys) entries.delete(key);
      return Promise.resolve();
    },
    size: () => entries.size,
  };
}
