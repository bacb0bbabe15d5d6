import { Ratelimit } from "@upstash/ratelimit";
import { Redis as UpstashRedis } from "@upstash/redis";
import IORedis from "ioredis";
import type { RateLimitPolicy } from "./policies";
import type { RateLimitStore } from "./types";

/** The commands @upstash/ratelimit's single-region sliding window sends (scripts; get/set for dynamic limits). */
type RatelimitRedis = ConstructorParameters<typeof Ratelimit>[0]["redis"];

/**
 * A store over any client @upstash/ratelimit accepts: one Ratelimit per policy
 * shape, created on first use. Its own timeout and ephemeral cache are off: the
 * limiter above applies one timeout to every store and decides what a failure
 * means per policy, and a process-local block list would hide a reset.
 */
function ratelimitStore(name: string, redis: RatelimitRedis, close?: () => Promise<void>): RateLimitStore {
  const limiters = new Map<string, Ratelimit>();
  function limiterFor(policy: RateLimitPolicy): Ratelimit {
    const shape = `${policy.limit}/${policy.windowMs}`;
    let limiter = limiters.get(shape);
    if (!limiter) {
      limiter = new Ratelimit({
        redis,
        limiter: Ratelimit.slidingWindow(policy.limit, `${policy.windowMs} ms`),
        // The key built by the caller already carries the app's prefix.
        prefix: "",
        timeout: 0,
        ephemeralCache: false,
        analytics: false,
      });
      limiters.set(shape, limiter);
    }
    return limiter;
  }
  return {
    name,
    async hit(key, policy) {
      const result = await limiterFor(policy).limit(key);
      return { success: result.success, limit: result.limit, remaining: result.remaining, resetAt: result.reset };
    },
    close,
  };
}

/** Upstash's REST API (serverless-friendly: plain HTTPS, no connection to keep). */
export function createUpstashStore(url: string, token: string): RateLimitStore {
  // No retries: a slow or failing store is handled (fail open / memory) by the caller's timeout.
  return ratelimitStore("upstash", new UpstashRedis({ url, token, retry: false, enableTelemetry: false }));
}

/**
 * The methods @upstash/ratelimit calls, on an ioredis connection, so the same
 * algorithm (and Lua scripts) runs on a plain Redis server.
 */
export class IORedisAdapter {
  constructor(private readonly client: IORedis) {}

  evalsha<TArgs extends unknown[], TData = unknown>(sha1: string, keys: string[], args: TArgs): Promise<TData> {
    return this.client.evalsha(sha1, keys.length, ...keys, ...args.map(String)) as Promise<TData>;
  }

  eval<TArgs extends unknown[], TData = unknown>(script: string, keys: string[], args: TArgs): Promise<TData> {
    return this.client.eval(script, keys.length, ...keys, ...args.map(String)) as Promise<TData>;
  }

  async get<TData>(key: string): Promise<TData | null> {
    const value = await this.client.get(key);
    return value === null ? null : (JSON.parse(value) as TData);
  }

  async set<TData>(key: string, value: TData): Promise<TData | "OK" | null> {
    const reply = await this.client.set(key, typeof value === "string" ? value : JSON.stringify(value));
    return reply === "OK" ? "OK" : null;
  }

  async del(...keys: string[]): Promise<number> {
    return keys.length === 0 ? 0 : this.client.del(...keys);
  }

  async hset(key: string, values: Record<string, string | number>): Promise<number> {
    return this.client.hset(key, values);
  }
}

/**
 * A Redis server (REDIS_URL). Commands fail fast while it is unreachable: one
 * attempt per command, a short connect timeout, and reconnects in the
 * background; errors are reported by the limiter, not as unhandled events.
 */
export function createRedisStore(url: string, options: { connectTimeoutMs?: number } = {}): RateLimitStore {
  const client = new IORedis(url, {
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? 500,
    maxRetriesPerRequest: 0,
    enableReadyCheck: false,
    retryStrategy: (attempt) => Math.min(attempt * 250, 5000),
  });
  // Without a listener ioredis prints every failed reconnect; the limiter logs once a minute.
  client.on("error", () => undefined);
  const adapter = new IORedisAdapter(client);
  return ratelimitStore("redis", adapter, async () => {
    client.disconnect();
  });
}
