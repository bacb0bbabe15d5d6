import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./safe-redirect";

describe("safeCallbackUrl", () => {
  it("keeps same-site paths", () => {
    expect(safeCallbackUrl("/projects?x=1")).toBe("/projects?x=1");
  });
  it.each(["https://evil.test", "//evil.test", "/\\evil.test", "javascript:alert(1)", "", 42, "/a\nb"])(
    "falls back for %j",
    (value) => {
      expect(safeCallbackUrl(value)).toBe("/dashboard");
    },
  );
});
