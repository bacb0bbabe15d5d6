import { describe, expect, it } from "vitest";
import { securityTxt } from "./security-txt";

describe("security.txt", () => {
  const now = new Date("2026-11-24T10:00:00Z");

  it("names the deployment's contact and policy, expires within a year, and is canonical where it is served", () => {
    const text = securityTxt({ origin: "https://ops.example.co.id", contact: "https://ops.example.co.id/report", policyUrl: "https://ops.example.co.id/security", now });
    expect(text).toContain("Contact: https://ops.example.co.id/report\n");
    expect(text).toContain("Policy: https://ops.example.co.id/security\n");
    expect(text).toContain("Canonical: https://ops.example.co.id/.well-known/security.txt\n");
    const expires = new Date(/Expires: (.+)\n/.exec(text)?.[1] ?? "");
    expect(expires.getTime()).toBeGreaterThan(now.getTime());
    expect(expires.getTime() - now.getTime()).toBeLessThanOrEqual(365 * 24 * 3_600_000);
    expect(text.endsWith("\n")).toBe(true);
  });

  it("falls back to the security@ mailbox of the host, and leaves Policy out when there is none", () => {
    const text = securityTxt({ origin: "http://127.0.0.1:3000", now });
    expect(text).toContain("Contact: mailto:security@127.0.0.1\n");
    expect(text).not.toContain("Policy:");
  });
});
