import { describe, expect, it } from "vitest";
import { clientIpFrom, rateLimitKey, UNKNOWN_CLIENT } from "./identity";

const h = (values: Record<string, string>) => new Headers(values);

describe("client address", () => {
  it("takes the first valid address of X-Forwarded-For", () => {
    expect(clientIpFrom(h({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" }))).toBe("203.0.113.7");
    expect(clientIpFrom(h({ "x-forwarded-for": "garbage, 198.51.100.2" }))).toBe("198.51.100.2");
    expect(clientIpFrom(h({ "x-forwarded-for": "203.0.113.7:51234" }))).toBe("203.0.113.7");
    expect(clientIpFrom(h({ "x-forwarded-for": "[2001:DB8::1]:443" }))).toBe("2001:db8:0:0::/64");
    expect(clientIpFrom(h({ "x-forwarded-for": "2001:db8::2" }))).toBe("2001:db8:0:0::/64");
  });

  it("counts an IPv6 client by its /64, and an IPv4-mapped address as the IPv4 one", () => {
    const bucket = (value: string) => clientIpFrom(h({ "x-forwarded-for": value }));
    expect(bucket("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe(bucket("2001:db8:1:2::1"));
    expect(bucket("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(bucket("2001:db8:1:3::1")).not.toBe(bucket("2001:db8:1:2::1"));
    expect(bucket("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(bucket("64:ff9b::192.0.2.1")).toBe("64:ff9b:0:0::/64");
    expect(bucket("::1")).toBe("0:0:0:0::/64");
  });

  it("falls back to X-Real-IP, then to the unknown bucket, and never throws", () => {
    expect(clientIpFrom(h({ "x-forwarded-for": "not an ip", "x-real-ip": "192.0.2.9" }))).toBe("192.0.2.9");
    expect(clientIpFrom(h({ "x-forwarded-for": ",,,;;'\"<script>" }))).toBe(UNKNOWN_CLIENT);
    expect(clientIpFrom(h({}))).toBe(UNKNOWN_CLIENT);
    // 16 kB of header: ignored, not parsed.
    expect(clientIpFrom(h({ "x-forwarded-for": `${"1.1.1.1,".repeat(2048)}`, "x-real-ip": "192.0.2.10" }))).toBe("192.0.2.10");
    expect(clientIpFrom({ get: () => { throw new Error("broken headers"); } })).toBe(UNKNOWN_CLIENT);
  });
});

describe("keys", () => {
  it("keeps kind and policy apart and bounds the length", () => {
    expect(rateLimitKey("rl", "api", { kind: "user", value: "u1" })).toBe("rl:api:user:u1");
    expect(rateLimitKey("rl", "auth", { kind: "ip", value: "u1" })).toBe("rl:auth:ip:u1");
    const long = rateLimitKey("rl", "api", { kind: "ip", value: "x".repeat(20_000) });
    expect(long.length).toBeLessThan(64);
    expect(rateLimitKey("rl", "api", { kind: "ip", value: "a b\nc" })).toMatch(/^rl:api:ip:h\.[0-9a-f]{32}$/);
  });
});
