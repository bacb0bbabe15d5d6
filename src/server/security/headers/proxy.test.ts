import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { proxy } from "@/proxy";

/**
 * next-intl's middleware cannot be loaded by Node outside Next (it imports
 * "next/server" without an extension). This stand-in does what the proxy relies
 * on: locale-less paths redirect to /en, others continue with a copy of the
 * request headers (as next-intl does). That the copy carries the nonce into a
 * real render is checked by e2e/security-headers.spec.ts.
 */
vi.mock("next-intl/middleware", async () => {
  const { NextResponse } = await import("next/server");
  return {
    default: () => (request: NextRequest) => {
      const { pathname } = request.nextUrl;
      if (!/^\/(en|id)(\/|$)/.test(pathname)) return NextResponse.redirect(new URL(`/en${pathname}`, request.url));
      return NextResponse.next({ request: { headers: new Headers(request.headers) } });
    },
  };
});

/** What the proxy forwards to the page as a request header (Next's override encoding). */
function forwarded(response: Response, name: string): string | null {
  return response.headers.get(`x-middleware-request-${name}`);
}

function get(path: string, init: ConstructorParameters<typeof NextRequest>[1] = {}) {
  return proxy(new NextRequest(new URL(path, "http://localhost:3000"), init));
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("proxy: pages", () => {
  it("sends a nonce CSP and hands the same nonce to the page (Next's scripts and x-nonce)", () => {
    const response = get("/en/sign-in");
    const policy = response.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(forwarded(response, "content-security-policy")).toBe(policy);
    expect(forwarded(response, "x-nonce")).toBe(nonce);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("permissions-policy")).toContain("camera=()");
  });

  it("uses a new nonce for every request and ignores one sent by the client", () => {
    const first = get("/en/sign-in", { headers: { "x-nonce": "attacker", "content-security-policy": "script-src *" } });
    const second = get("/en/sign-in");
    expect(forwarded(first, "x-nonce")).not.toBe("attacker");
    expect(forwarded(first, "content-security-policy")).not.toBe("script-src *");
    expect(forwarded(first, "x-nonce")).not.toBe(forwarded(second, "x-nonce"));
  });

  it("keeps the locale redirect and the sign-in redirect, both with the headers", () => {
    const bare = get("/pricing");
    expect(bare.headers.get("location")).toMatch(/\/en\/pricing$/);
    expect(bare.headers.get("content-security-policy")).toContain("'nonce-");
    const guarded = get("/en/projects");
    expect(guarded.headers.get("location")).toBe("http://localhost:3000/en/sign-in?callbackUrl=%2Fen%2Fprojects");
    expect(guarded.headers.get("x-frame-options")).toBe("DENY");
  });

  it("adds HSTS in production only", async () => {
    expect(get("/en/sign-in").headers.has("strict-transport-security")).toBe(false);
    vi.stubEnv("NODE_ENV", "production");
    vi.resetModules();
    const { proxy: productionProxy } = await import("@/proxy");
    const response = productionProxy(new NextRequest("https://app.example.com/en/sign-in"));
    expect(response.headers.get("strict-transport-security")).toMatch(/^max-age=\d+; includeSubDomains$/);
    expect(response.headers.get("content-security-policy")).not.toContain("unsafe-eval");
    expect(response.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });
});

describe("proxy: API and files", () => {
  it("gives API answers the headers and a no-script policy, without locale handling", () => {
    const response = get("/api/health");
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("x-middleware-rewrite")).toBeNull();
    expect(response.headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("serves /.well-known/security.txt as is, not under a locale", () => {
    const response = get("/.well-known/security.txt");
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("x-middleware-rewrite")).toBeNull();
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });

  it("answers a CORS preflight on /api/v1 for a listed origin only", () => {
    vi.stubEnv("CORS_ALLOWED_ORIGINS", "https://partner.example.com");
    const preflight = (origin: string) =>
      get("/api/v1/projects", { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST" } });
    const allowed = preflight("https://partner.example.com");
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://partner.example.com");
    expect(allowed.headers.get("access-control-allow-credentials")).toBeNull();
    const refused = preflight("https://evil.example.com");
    expect(refused.status).toBe(204);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    const simple = get("/api/v1/projects", { headers: { origin: "https://partner.example.com" } });
    expect(simple.headers.get("access-control-allow-origin")).toBe("https://partner.example.com");
    expect(simple.headers.get("vary")).toContain("Origin");
    expect(get("/api/trpc/x", { headers: { origin: "https://partner.example.com" } }).headers.get("access-control-allow-origin")).toBeNull();
  });
});
