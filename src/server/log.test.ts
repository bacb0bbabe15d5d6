import { describe, expect, it } from "vitest";
import { describeError } from "./log";

describe("describeError", () => {
  it("keeps the kind and first line but masks secrets", () => {
    const error = Object.assign(new Error("connect failed postgresql://app:hunter2@db:5432/x with Bearer abc.def\nat secret stack"), { code: "P1001" });
    const line = describeError(error);
    expect(line).toBe("Error [P1001]: connect failed postgresql://app:***@db:5432/x with Bearer ***");
    expect(describeError(new Error("token eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2In0.abc.def leaked"))).not.toContain("eyJhbGci");
    expect(describeError(new Error("key sk_live_123456789abc"))).toContain("sk_live_***");
    // Stripe webhook secrets have no live/test part.
    expect(describeError(new Error("bad secret whsec_5fQx9ZKp2LmN8rTu"))).not.toContain("5fQx9ZKp2LmN8rTu");
    expect(describeError("nope")).toBe("non-error value thrown");
  });
});
