import { describe, expect, it } from "vitest";
import { localDayRange, localTime, zonedInstant } from "./local-time";

describe("zonedInstant", () => {
  it("resolves an ordinary wall time", () => {
    expect(zonedInstant("2024-06-15", 5, 0, "Asia/Jakarta").toISOString()).toBe("2024-06-14T22:00:00.000Z");
    expect(zonedInstant("2024-06-15", 5, 0, "UTC").toISOString()).toBe("2024-06-15T05:00:00.000Z");
  });

  it("resolves a midnight skipped by DST to the first instant of that day (America/Santiago)", () => {
    // 2024-09-08 00:00 -04 does not exist: clocks jumped to 01:00 -03 at 04:00Z.
    const start = zonedInstant("2024-09-08", 0, 0, "America/Santiago");
    expect(start.toISOString()).toBe("2024-09-08T04:00:00.000Z");
    expect(localTime(start, "America/Santiago")).toEqual({ date: "2024-09-08", hour: 1, minute: 0 });
    // Never an instant of the day before.
    expect(localTime(new Date(start.getTime() - 1_000), "America/Santiago").date).toBe("2024-09-07");
    const day = localDayRange("2024-09-08", "America/Santiago");
    expect(day.end.getTime() - day.start.getTime()).toBe(23 * 3_600_000);
  });

  it("resolves a skipped 02:30 to the jump, not to 01:30 (America/New_York)", () => {
    // 2024-03-10 02:00 EST became 03:00 EDT at 07:00Z.
    const instant = zonedInstant("2024-03-10", 2, 30, "America/New_York");
    expect(instant.toISOString()).toBe("2024-03-10T07:00:00.000Z");
    expect(localTime(instant, "America/New_York")).toEqual({ date: "2024-03-10", hour: 3, minute: 0 });
    // Around the gap, the wall times that exist resolve exactly.
    expect(zonedInstant("2024-03-10", 1, 59, "America/New_York").toISOString()).toBe("2024-03-10T06:59:00.000Z");
    expect(zonedInstant("2024-03-10", 3, 0, "America/New_York").toISOString()).toBe("2024-03-10T07:00:00.000Z");
  });

  it("resolves a repeated wall time (clocks going back) to its first occurrence", () => {
    // 2024-11-03 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    expect(zonedInstant("2024-11-03", 1, 30, "America/New_York").toISOString()).toBe("2024-11-03T05:30:00.000Z");
    expect(zonedInstant("2024-11-03", 2, 0, "America/New_York").toISOString()).toBe("2024-11-03T07:00:00.000Z");
    const day = localDayRange("2024-11-03", "America/New_York");
    expect(day.end.getTime() - day.start.getTime()).toBe(25 * 3_600_000);
    // Santiago repeats 23:00–24:00 on 2024-04-06: the next midnight is unique.
    expect(zonedInstant("2024-04-06", 23, 30, "America/Santiago").toISOString()).toBe("2024-04-07T02:30:00.000Z");
    expect(zonedInstant("2024-04-07", 0, 0, "America/Santiago").toISOString()).toBe("2024-04-07T04:00:00.000Z");
  });
});
