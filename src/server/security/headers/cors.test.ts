import { describe, expect, it } from "vitest";
import { ALLOWED_METHODS, corsFor, parseAllowedOrigins } from "./cors";

const allowed = parseAllowedOrigins("https://app.example.com, http://localhost:5173/ ,not a url,https://evil.example.com/path,ftp://x.example.com");

function request(overrides: Partial<Parameters<typeof corsFor>[0]> = {}) {
  return { pathname: "/api/v1/projects", method: "GET", origin: "https://app.example.com", requestMethod: null, ...overrides };
}

describe("parseAllowedOrigins", () => {
  it("keeps well-formed http(s) origins and drops anything else", () => {
    expect([...allowed]).toEqual(["https://app.example.com", "http://localhost:5173"]);
  });

  it("is empty without the variable", () => {
    expect(parseAllowedOrigins(undefined).size).toBe(0);
    expect(parseAllowedOrigins(" , ").size).toBe(0);
  });
});

describe("corsFor", () => {
  it("echoes an allowed origin, never a wildcard, never with credentials", () => {
    const decision = corsFor(request(), allowed);
    expect(decision).toEqual({ preflight: false, headers: { Vary: "Origin", "Access-Control-Allow-Origin": "https://app.example.com" } });
    expect(decision?.headers).not.toHaveProperty("Access-Control-Allow-Credentials");
  });

  it("gives other origins no CORS headers at all", () => {
    for (const origin of ["https://evil.example.com", "https://app.example.com.evil.test", "null", "*"]) {
      expect(corsFor(request({ origin }), allowed)?.headers).toEqual({ Vary: "Origin" });
    }
    expect(corsFor(request({ origin: null }), allowed)?.headers).toEqual({ Vary: "Origin" });
  });

  it("answers a preflight from an allowed origin with methods, headers and max-age", () => {
    const decision = corsFor(request({ method: "OPTIONS", requestMethod: "POST", origin: "http://localhost:5173" }), allowed);
    expect(decision?.preflight).toBe(true);
    expect(decision?.headers).toMatchObject({
      "Access-Control-Allow-Origin": "http://localhost:5173",
      "Access-Control-Allow-Methods": ALLOWED_METHODS,
      "Access-Control-Allow-Headers": expect.stringContaining("Authorization"),
      "Access-Control-Max-Age": "600",
    });
  });

  it("answers a preflight from another origin without allowing it", () => {
    const decision = corsFor(request({ method: "OPTIONS", requestMethod: "DELETE", origin: "https://evil.example.com" }), allowed);
    expect(decision).toEqual({ preflight: true, headers: { Vary: "Origin" } });
  });

  it("leaves everything outside /api/v1 alone", () => {
    for (const pathname of ["/api/trpc/project.list", "/api/v10/x", "/api/auth/session", "/en/dashboard"]) {
      expect(corsFor(request({ pathname }), allowed)).toBeNull();
    }
    expect(corsFor(request({ pathname: "/api/v1" }), allowed)).not.toBeNull();
  });
});
