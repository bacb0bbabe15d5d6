import type { RateLimitPolicy } from "./policies";

/** What one store answers for one hit: the request counted (success) or refused. */
export type StoreHit = { success: boolean; limit: number; remaining: number; resetAt: number };

/** A place that counts hits: memory, a Redis server, Upstash REST. */
export type RateLimitStore = {
  readonly name: string;
  hit(key: string, policy: RateLimitPolicy, now: number): Promise<StoreHit>;
  close?(): Promise<void>;
};

/** The answer of `limit(policy, identity)`; resetAt is epoch milliseconds. */
export type LimitResult = {
  success: boolean;
  limit: number;
  remaining: number;
  resetAt: number;
  /** 0 when the request was allowed. */
  retryAfterSeconds: number;
};
