import { beforeEach, describe, expect, it } from "vitest";
import { cachedAnalytics, resetAnalyticsCacheForTests } from "./cache";

describe("analytics cache", () => {
  beforeEach(() => resetAnalyticsCacheForTests());

  it("computes once per key and watermark, and again when the watermark moves", async () => {
    let runs = 0;
    const compute = async () => ({ run: ++runs });
    expect(await cachedAnalytics("platform:2026-01-01:2026-01-31", "w1", compute)).toEqual({ run: 1 });
    expect(await cachedAnalytics("platform:2026-01-01:2026-01-31", "w1", compute)).toEqual({ run: 1 });
    expect(await cachedAnalytics("platform:2026-01-01:2026-01-31", "w2", compute)).toEqual({ run: 2 });
    expect(await cachedAnalytics("team:t1:2026-01-01:2026-01-31", "w2", compute)).toEqual({ run: 3 });
  });

  it("shares one computation between concurrent requests and does not keep a failure", async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = async () => {
      runs += 1;
      await gate;
      return runs;
    };
    const both = Promise.all([cachedAnalytics("k", "w", slow), cachedAnalytics("k", "w", slow)]);
    release();
    expect(await both).toEqual([1, 1]);

    const failing = async (): Promise<number> => {
      throw new Error("database down");
    };
    await expect(cachedAnalytics("f", "w", failing)).rejects.toThrow("database down");
    expect(await cachedAnalytics("f", "w", async () => 7)).toBe(7);
  });

  it("expires entries after their time to live", async () => {
    let runs = 0;
    const compute = async () => ++runs;
    expect(await cachedAnalytics("k", "w", compute, 0)).toBe(1);
    expect(await cachedAnalytics("k", "w", compute, 60_000)).toBe(1);
    expect(await cachedAnalytics("k", "w", compute, 11 * 60_000)).toBe(2);
  });
});
