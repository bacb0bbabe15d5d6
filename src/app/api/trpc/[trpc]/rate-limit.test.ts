import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";
import { encode } from "next-auth/jwt";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { createRateLimiter, DEFAULT_POLICIES, setRateLimiterForTests } from "@/server/security/rate-limit";
import { addMember, createTeam, type TestTeam, type TestUser } from "../../../../../test/factories";
import { errorOf } from "../../../../../test/trpc-errors";
import { handleTrpcRequest } from "./handler";

const freshLimiter = (policies = DEFAULT_POLICIES) =>
  setRateLimiterForTests(createRateLimiter({ policies, prefix: `rl-trpc-${randomBytes(4).toString("hex")}` }));

afterEach(() => setRateLimiterForTests(null));

function apiCaller(user: TestUser, teamId: string, clientIp = "203.0.113.1") {
  return createCaller(
    createInnerContext({ session: { user: { id: user.id, email: user.email, activeTeamId: teamId } }, rateLimit: { clientIp } }),
  );
}

let team: TestTeam;
beforeAll(async () => {
  team = await createTeam("rate-limit");
});

describe("tRPC rate limit", () => {
  it("refuses the 101st call of a user in 10 s with a friendly message; another user is unaffected", async () => {
    freshLimiter();
    const caller = apiCaller(team.owner, team.id);
    for (let i = 0; i < 100; i++) await caller.digest.schedule();
    const error = await errorOf(caller.digest.schedule());
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(error.message).toMatch(/^Too many requests\. Please wait \d+ seconds and try again\.$/);
    // Same address, other user: counted on their own.
    const other = await addMember(team.id, "STAFF");
    await expect(apiCaller(other, team.id).digest.schedule()).resolves.toBeDefined();
  });

  it("does not limit server-side callers (no rateLimit in the context)", async () => {
    setRateLimiterForTests(createRateLimiter({ policies: { ...DEFAULT_POLICIES, api: { ...DEFAULT_POLICIES.api, limit: 1 } } }));
    const caller = createCaller(createInnerContext({ session: { user: { id: team.owner.id, activeTeamId: team.id } } }));
    for (let i = 0; i < 3; i++) await caller.digest.schedule();
  });

  it("applies the stricter AI allowance to AI calls, before their input is even read", async () => {
    freshLimiter({ ...DEFAULT_POLICIES, ai: { limit: 2, windowMs: 60_000, onStoreDown: "open" } });
    const caller = apiCaller(team.owner, team.id);
    for (let i = 0; i < 2; i++) expect((await errorOf(caller.chat.ask({ question: " " }))).code).toBe("BAD_REQUEST");
    expect((await errorOf(caller.chat.ask({ question: " " }))).code).toBe("TOO_MANY_REQUESTS");
    expect((await errorOf(caller.invoice.precheck({ currency: "IDR", issueDate: "", dueDate: null, taxRate: "0", discount: "0", notes: "", lines: [] }))).code).toBe("TOO_MANY_REQUESTS");
    expect((await errorOf(caller.digest.generate())).code).toBe("TOO_MANY_REQUESTS");
    // The general allowance is untouched by that.
    await expect(caller.digest.schedule()).resolves.toBeDefined();
  });
});

describe("tRPC endpoint", () => {
  const session = () => ({ user: { id: team.owner.id, email: team.owner.email, activeTeamId: team.id } });
  const get = (locale = "en", headers: Record<string, string> = {}) =>
    handleTrpcRequest(new Request("http://test/api/trpc/digest.schedule", { headers }), async () =>
      createInnerContext({ session: session(), locale, rateLimit: { clientIp: "198.51.100.1" } }),
    );

  it("answers 429 with Retry-After and RateLimit-* headers, in the reader's language", async () => {
    freshLimiter({ ...DEFAULT_POLICIES, api: { limit: 3, windowMs: 10_000, onStoreDown: "open" } });
    const ok = await get();
    expect(ok.status).toBe(200);
    expect(ok.headers.get("ratelimit-limit")).toBe("3");
    expect(ok.headers.get("ratelimit-remaining")).toBe("2");
    expect(Number(ok.headers.get("ratelimit-reset"))).toBeGreaterThanOrEqual(0);
    expect(ok.headers.get("retry-after")).toBeNull();
    await get();
    await get();
    const refused = await get("id");
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(10);
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    const body = (await refused.json()) as { error: { json: { message: string; data: { domainCode: string } } } };
    expect(body.error.json.data.domainCode).toBe("RATE_LIMITED");
    expect(body.error.json.message).toBe(`Terlalu banyak permintaan. Silakan tunggu ${retryAfter} detik lalu coba lagi.`);
  });
});

/** The real handler behind node:http, as the app's server runs it. */
function serve(): Promise<{ server: Server; url: string }> {
  const server = createServer({ maxHeaderSize: 64 * 1024 }, (req: IncomingMessage, res) => {
    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i] ?? "", req.rawHeaders[i + 1] ?? "");
    handleTrpcRequest(new Request(`http://127.0.0.1${req.url ?? "/"}`, { headers }))
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch(() => {
        res.writeHead(500);
        res.end();
      });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })),
  );
}

describe("under load", () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    ({ server, url } = await serve());
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("lets through at most the allowance of 1,000 requests from one user; the rest get 429 with Retry-After, no 5xx", async () => {
    freshLimiter();
    const jwt = await encode({
      token: { sub: team.owner.id, activeTeamId: team.id },
      secret: process.env.AUTH_SECRET ?? "",
      salt: "authjs.session-token",
      maxAge: 3600,
    });
    const statuses = new Map<number, number>();
    let refusedWithoutRetryAfter = 0;
    const started = Date.now();
    await autocannon({
      url,
      connections: 20,
      amount: 1000,
      headers: { cookie: `authjs.session-token=${jwt}` },
      requests: [
        {
          method: "GET",
          path: "/api/trpc/digest.schedule",
          onResponse: (status, _body, _context, headers) => {
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            if (status === 429 && !headers?.["retry-after"]) refusedWithoutRetryAfter += 1;
          },
        },
      ],
    });
    const elapsed = Date.now() - started;
    const ok = statuses.get(200) ?? 0;
    const refused = statuses.get(429) ?? 0;
    // Tolerance: the sliding window weighs the previous fixed window by how much of it is
    // left (as @upstash/ratelimit does), so a run that crosses a window boundary sees
    // that window's hits fade and admits up to limit × elapsed / window more, plus one
    // for the rounding down of the weighted count.
    const tolerance = Math.ceil((100 * elapsed) / 10_000) + 1;
    expect(ok).toBeGreaterThanOrEqual(100);
    expect(ok).toBeLessThanOrEqual(100 + tolerance);
    expect(ok + refused).toBe(1000);
    expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);
    expect(refusedWithoutRetryAfter).toBe(0);
  });

  it("counts signed-out requests per address and survives malformed and 16 kB X-Forwarded-For headers", async () => {
    freshLimiter({ ...DEFAULT_POLICIES, api: { limit: 2, windowMs: 10_000, onStoreDown: "open" } });
    const call = (xff: string) => fetch(`${url}/api/trpc/digest.schedule`, { headers: { "x-forwarded-for": xff } });
    // Signed out: refused by auth (401) while within the allowance.
    expect((await call("192.0.2.1")).status).toBe(401);
    expect((await call("192.0.2.1, 10.0.0.1")).status).toBe(401);
    expect((await call("192.0.2.1")).status).toBe(429);
    expect((await call("192.0.2.2")).status).toBe(401);
    for (const xff of ["not-an-ip", "%%%,,,", "1.2.3.4.5", "x".repeat(16 * 1024), `${"10.0.0.1, ".repeat(1600)}`]) {
      const response = await call(xff);
      expect(response.status).toBeLessThan(500);
    }
  });
});
