import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { addMember, createTeam, createUser, uniqueSuffix, type TestTeam, type TestUser } from "../../../../../test/factories";
import { GET } from "@/app/api/analytics/export/route";
import { getBaseDb } from "@/server/db/client";

/** This file's ledger lives in 2008 and ends there (other files write theirs now, or in other years). */
let a: TestTeam;
let b: TestTeam;
let adminOfA: TestUser;
let operator: TestUser;

async function cookieFor(user: TestUser, teamId: string | null): Promise<string> {
  const token = await encode({
    token: { sub: user.id, activeTeamId: teamId, email: user.email },
    secret: process.env.AUTH_SECRET ?? "",
    salt: "authjs.session-token",
    maxAge: 3600,
  });
  return `authjs.session-token=${token}`;
}

async function get(query: string, user: TestUser | null, teamId: string | null = null, locale?: string) {
  const headers = new Headers();
  if (user) headers.set("cookie", await cookieFor(user, teamId));
  if (locale) headers.set("x-locale", locale);
  const response = await GET(new Request(`http://test/api/analytics/export?${query}`, { headers }));
  return { status: response.status, headers: response.headers, text: await response.text() };
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTeam("csv-a"), createTeam("csv-b")]);
  adminOfA = await addMember(a.id, "ADMIN");
  operator = await createUser("csv-operator", { superAdmin: true });
  // A user whose name would run as a formula in a spreadsheet, with a comma and quotes.
  await getBaseDb().user.update({ where: { id: a.owner.id }, data: { name: '=HYPERLINK("http://evil"), "x"' } });
  await getBaseDb().team.update({ where: { id: b.id }, data: { name: "@B team" } });
  await getBaseDb().revenueEvent.createMany({
    data: [
      { teamId: a.id, kind: "new", previousMrrCents: 0, mrrCents: 2_900, occurredAt: new Date("2008-01-05T00:00:00Z"), sourceKey: `csv:${uniqueSuffix()}` },
      { teamId: b.id, kind: "new", previousMrrCents: 0, mrrCents: 9_900, occurredAt: new Date("2008-01-06T00:00:00Z"), sourceKey: `csv:${uniqueSuffix()}` },
      { teamId: b.id, kind: "churn", previousMrrCents: 9_900, mrrCents: 0, occurredAt: new Date("2008-03-10T00:00:00Z"), sourceKey: `csv:${uniqueSuffix()}` },
      // A leaves after the exported month, so nothing of this file is still paying in other files' years.
      { teamId: a.id, kind: "churn", previousMrrCents: 2_900, mrrCents: 0, occurredAt: new Date("2008-06-01T00:00:00Z"), sourceKey: `csv:${uniqueSuffix()}` },
    ],
  });
  await getBaseDb().aiUsageEvent.createMany({
    data: [
      { teamId: a.id, userId: a.owner.id, feature: "rag-answer", provider: "local", model: "local", inputTokens: 1_000, outputTokens: 234, costMicros: 1_234n, status: "ok", createdAt: new Date("2008-03-02T00:00:00Z") },
      { teamId: b.id, userId: b.owner.id, feature: "rag-answer", provider: "local", model: "local", inputTokens: 9_000, outputTokens: 0, costMicros: 90_000n, status: "ok", createdAt: new Date("2008-03-03T00:00:00Z") },
    ],
  });
});

const MARCH = "from=2008-03-01&to=2008-03-31";

describe("GET /api/analytics/export", () => {
  it("gives the owner the team's top users as a CSV attachment, escaped and neutralised", async () => {
    const response = await get(`scope=team&table=users&${MARCH}`, a.owner, a.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="analytics-team-users-2008-03-01-to-2008-03-31.csv"');
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const lines = response.text.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("rank,name,email,ai_tokens,input_tokens,output_tokens,calls,ai_cost_usd");
    expect(lines[1]).toBe(`1,"'=HYPERLINK(""http://evil""), ""x""",${a.owner.email},1234,1000,234,1,0.001234`);
    // Only the team's own users: B's heavier user is not there.
    expect(lines.slice(2)).toEqual([""]);
    expect(response.text).not.toContain(b.owner.email);
  });

  it("gives the team's daily series by default", async () => {
    const response = await get(`scope=team&${MARCH}`, a.owner, a.id);
    const lines = response.text.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("period_start,period_end,ai_tokens,input_tokens,output_tokens,ai_cost_usd,plan_fee_usd,overage_usd,paid_usd");
    // 31 days + header + the final CRLF; 03-02: 1,234 tokens, $0.001234, 2,900¢ × 10,000 / 31 = 935,484 micros.
    expect(lines).toHaveLength(33);
    expect(lines[2]).toBe("2008-03-02,2008-03-02,1234,1000,234,0.001234,0.935484,0,0.935484");
  });

  it("gives a platform operator every team, with negative numbers left as numbers", async () => {
    const summary = await get(`scope=platform&table=summary&${MARCH}`, operator);
    expect(summary.status).toBe(200);
    const rows = new Map(summary.text.replace(/^\uFEFF/, "").trim().split("\r\n").map((line) => line.split(",") as [string, string]));
    // Start: A 2,900 + B 9,900 = 12,800¢; B churns on 03-10: −9,900¢; end 2,900¢.
    expect(rows.get("mrr_start_usd")).toBe("128");
    expect(rows.get("net_new_mrr_usd")).toBe("-99");
    expect(rows.get("mrr_end_usd")).toBe("29");
    expect(rows.get("logo_churn_rate")).toBe("0.5");
    expect(rows.get("active_teams")).toBe("1");
    const users = await get(`scope=platform&table=users&${MARCH}`, operator);
    expect(users.text).toContain(`1,csv-b-owner,${b.owner.email},'@B team,9000,9000,0,1,0.09`);
  });

  it("applies the dashboard's access rules", async () => {
    expect((await get(`scope=team&${MARCH}`, adminOfA, a.id)).status).toBe(403);
    expect((await get(`scope=platform&${MARCH}`, a.owner, a.id)).status).toBe(403);
    const anonymous = await get(`scope=team&${MARCH}`, null);
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.text)).toMatchObject({ error: { code: "UNAUTHORIZED" } });
  });

  it("refuses bad parameters with a 400 that names the field, in the reader's language", async () => {
    const badScope = await get(`scope=everyone&${MARCH}`, a.owner, a.id);
    expect(badScope.status).toBe(400);
    expect(JSON.parse(badScope.text)).toMatchObject({ error: { fieldErrors: { scope: ["Choose scope=team or scope=platform."] } } });
    const backwards = await get("scope=team&from=2008-03-31&to=2008-03-01", a.owner, a.id, "id");
    expect(backwards.status).toBe(400);
    expect(JSON.parse(backwards.text)).toMatchObject({
      error: { code: "BAD_REQUEST", fieldErrors: { to: ["Pilih tanggal akhir yang sama dengan atau setelah tanggal mulai."] } },
    });
    const missing = await get("scope=team&to=2008-03-01", a.owner, a.id);
    expect(JSON.parse(missing.text)).toMatchObject({ error: { fieldErrors: { from: ["Use a date like 2026-11-24."] } } });
  });
});
