import { describe, expect, it } from "vitest";
import { authPolicy, createNonce, pagePolicy, resourcePolicy } from "./csp";
import { HSTS, securityHeaders } from "./security-headers";

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((part) => {
      const [name = "", ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
}

describe("createNonce", () => {
  it("is fresh for every request and long enough to be unguessable", () => {
    const nonces = new Set(Array.from({ length: 200 }, () => createNonce()));
    expect(nonces.size).toBe(200);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(atob(nonce)).toHaveLength(16);
    }
  });
});

describe("pagePolicy", () => {
  it("allows scripts only by nonce, never unsafe-inline", () => {
    const nonce = createNonce();
    const script = directives(pagePolicy({ nonce, production: true, https: true })).get("script-src");
    expect(script).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
  });

  it("changes with the nonce, so two requests never share a policy", () => {
    const options = { production: true, https: false };
    expect(pagePolicy({ ...options, nonce: createNonce() })).not.toBe(pagePolicy({ ...options, nonce: createNonce() }));
  });

  it("allows eval only outside production (React's dev tooling)", () => {
    expect(directives(pagePolicy({ nonce: "n", production: false, https: false })).get("script-src")).toContain("'unsafe-eval'");
    expect(pagePolicy({ nonce: "n", production: true, https: false })).not.toContain("unsafe-eval");
  });

  it("forbids framing, plugins, foreign base URLs, foreign form targets and foreign connections", () => {
    const policy = directives(pagePolicy({ nonce: "n", production: true, https: false }));
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("form-action")).toEqual(["'self'", "https://github.com", "https://accounts.google.com"]);
  });

  it("upgrades insecure requests only when the visitor came over HTTPS", () => {
    expect(directives(pagePolicy({ nonce: "n", production: true, https: true })).has("upgrade-insecure-requests")).toBe(true);
    expect(directives(pagePolicy({ nonce: "n", production: true, https: false })).has("upgrade-insecure-requests")).toBe(false);
  });
});

describe("resourcePolicy and authPolicy", () => {
  it("lets nothing run in an API answer or file, and sandboxes it", () => {
    const policy = directives(resourcePolicy());
    expect(policy.get("default-src")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.has("sandbox")).toBe(true);
    expect(policy.has("script-src")).toBe(false);
  });

  it("gives Auth.js's pages styles and forms but no scripts", () => {
    const policy = directives(authPolicy());
    expect(policy.get("default-src")).toEqual(["'none'"]);
    expect(policy.has("script-src")).toBe(false);
    expect(policy.get("form-action")).toContain("'self'");
  });
});

describe("securityHeaders", () => {
  it("sets the fixed headers and passes the CSP through", () => {
    const headers = securityHeaders({ contentSecurityPolicy: "default-src 'none'", production: false });
    expect(headers).toMatchObject({
      "Content-Security-Policy": "default-src 'none'",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
    });
    for (const feature of ["camera=()", "microphone=()", "geolocation=()"]) expect(headers["Permissions-Policy"]).toContain(feature);
  });

  it("sends HSTS in production only", () => {
    expect(securityHeaders({ contentSecurityPolicy: "x", production: true })["Strict-Transport-Security"]).toBe(HSTS);
    expect(HSTS).toMatch(/max-age=(\d{8,})/);
    expect(securityHeaders({ contentSecurityPolicy: "x", production: false })).not.toHaveProperty("Strict-Transport-Security");
  });
});
