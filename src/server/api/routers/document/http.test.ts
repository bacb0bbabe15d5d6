import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addMember, createTeam, type TestTeam, type TestUser } from "../../../../../test/factories";
import { GET as download } from "@/app/api/documents/[id]/file/route";
import { POST as upload } from "@/app/api/documents/route";
import { getBaseDb } from "@/server/db/client";
import { getTenantDb } from "@/server/db/get-tenant-db";
import { makePdf } from "@/server/services/documents/test-fixtures";
import { setStorageForTests } from "@/server/services/storage";
import { createRateLimiter, DEFAULT_POLICIES, setRateLimiterForTests } from "@/server/security/rate-limit";
import { LocalDiskStorage } from "@/server/services/storage/local-disk";

let a: TestTeam;
let b: TestTeam;
let staffOfA: TestUser;
let root: string;

beforeAll(async () => {
  [a, b] = await Promise.all([createTeam("doc-http-a"), createTeam("doc-http-b")]);
  staffOfA = await addMember(a.id, "STAFF");
  root = await mkdtemp(path.join(tmpdir(), "ebos-doc-http-"));
  setStorageForTests(new LocalDiskStorage(root));
});

afterEach(() => {
  delete process.env.DOCUMENT_MAX_BYTES;
});

afterAll(async () => {
  setStorageForTests(null);
  await rm(root, { recursive: true, force: true });
});

async function cookieFor(user: TestUser, teamId: string): Promise<string> {
  const token = await encode({
    token: { sub: user.id, activeTeamId: teamId, email: user.email },
    secret: process.env.AUTH_SECRET ?? "",
    salt: "authjs.session-token",
    maxAge: 3600,
  });
  return `authjs.session-token=${token}`;
}

type UploadOptions = { user?: TestUser | null; teamId?: string; name?: string | null; headers?: Record<string, string>; locale?: string };

async function post(body: BodyInit | null, options: UploadOptions = {}) {
  const user = options.user === undefined ? a.owner : options.user;
  const headers = new Headers(options.headers);
  if (user) headers.set("cookie", await cookieFor(user, options.teamId ?? a.id));
  if (options.name !== null) headers.set("x-file-name", encodeURIComponent(options.name ?? "notes.txt"));
  if (options.locale) headers.set("x-locale", options.locale);
  const init = { method: "POST", headers, body, duplex: "half" } as RequestInit;
  const response = await upload(new Request("http://test/api/documents", init));
  const json = (await response.json()) as { document?: { id: string; name: string; status: string; sizeBytes: number }; error?: { message: string; code: string } };
  return { status: response.status, ...json };
}

async function get(id: string, user: TestUser | null, teamId: string) {
  const headers = new Headers();
  if (user) headers.set("cookie", await cookieFor(user, teamId));
  return download(new Request(`http://test/api/documents/${id}/file`, { headers }), { params: Promise.resolve({ id }) });
}

async function filesOf(teamId: string): Promise<string[]> {
  return readdir(path.join(root, teamId), { recursive: true }).catch(() => []);
}

async function documentCount(teamId: string): Promise<number> {
  return (await getTenantDb(teamId)).document.count();
}

/** A body that produces `total` bytes lazily (nothing before it is read) and records how many were pulled. */
function lazyBody(total: number, chunk = 64 * 1024) {
  const state = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= total) {
        controller.close();
        return;
      }
      const size = Math.min(chunk, total - state.pulled);
      state.pulled += size;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  }, { highWaterMark: 0 });
  return { stream, state };
}

describe("POST /api/documents", () => {
  it("stores the file, creates a QUEUED document and enqueues its ingestion", async () => {
    const result = await post(new TextEncoder().encode("# Travel\n\nBook trains."), { name: "Travel policy.md" });
    expect(result.status).toBe(201);
    expect(result.document).toMatchObject({ name: "Travel policy.md", status: "QUEUED", sizeBytes: 22 });
    const id = result.document?.id ?? "";
    const row = await (await getTenantDb(a.id)).document.findFirst({
      where: { id },
      select: { storageKey: true, mimeType: true, sha256: true, uploadedById: true },
    });
    expect(row).toMatchObject({ storageKey: `${a.id}/${id}/Travel-policy.md`, mimeType: "text/markdown; charset=utf-8", uploadedById: a.owner.id });
    expect(row?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const run = await getBaseDb().jobRun.findUnique({ where: { key: `ingest-document:${id}` }, select: { job: true, teamId: true, payload: true } });
    expect(run).toEqual({ job: "ingest-document", teamId: a.id, payload: { teamId: a.id, documentId: id } });

    const response = await get(id, a.owner, a.id);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("# Travel\n\nBook trains.");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="Travel policy.md"; filename*=UTF-8''Travel%20policy.md`);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    // Every member of the owning team may read it.
    expect((await get(id, staffOfA, a.id)).status).toBe(200);
  });

  it("serves a file only to the owning team: 404 for others, 401 without a session", async () => {
    const { document } = await post(makePdf(["A only"]), { name: "a-only.pdf" });
    const id = document?.id ?? "";
    const other = await get(id, b.owner, b.id);
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain("A only");
    // Even when B's member claims A as its active team: membership is checked.
    expect((await get(id, b.owner, a.id)).status).toBe(404);
    expect((await get(id, null, a.id)).status).toBe(401);
    expect((await get("../../etc/passwd", a.owner, a.id)).status).toBe(404);
    expect((await get("missing-id", a.owner, a.id)).status).toBe(404);
  });

  it("counts downloads against the user's rate limit: over it, 429 with Retry-After; another user is unaffected", async () => {
    const { document } = await post(makePdf(["Rate limited"]), { name: "rate.pdf" });
    const id = document?.id ?? "";
    setRateLimiterForTests(createRateLimiter({ policies: { ...DEFAULT_POLICIES, api: { ...DEFAULT_POLICIES.api, limit: 1 } } }));
    try {
      expect((await get(id, a.owner, a.id)).status).toBe(200);
      const refused = await get(id, a.owner, a.id);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await refused.json()) as { error: { code: string } }).toMatchObject({ error: { code: "RATE_LIMITED" } });
      expect((await get(id, b.owner, b.id)).status).toBe(404);
    } finally {
      setRateLimiterForTests(null);
    }
  });

  it("refuses wrong types, content that does not match the extension, and empty files, storing nothing", async () => {
    const before = await documentCount(a.id);
    const filesBefore = await filesOf(a.id);
    const cases: Array<[BodyInit, string, number, string]> = [
      [new TextEncoder().encode("MZ binary"), "setup.exe", 415, "Only PDF, Word (.docx), text (.txt) and Markdown (.md) files can be uploaded."],
      [new TextEncoder().encode("hello"), "fake.pdf", 415, "This file is not a PDF: its content does not match the .pdf extension."],
      [makePdf(["x"]), "fake.docx", 415, "This file is not a Word document: its content does not match the .docx extension."],
      [new Uint8Array([0x00, 0x01, 0x02]), "binary.txt", 415, "This file is not plain text. Save it as UTF-8 text and upload it again."],
      [new Uint8Array(), "empty.txt", 400, "The file is empty."],
    ];
    for (const [body, name, status, message] of cases) {
      const result = await post(body, { name });
      expect([name, result.status, result.error?.message]).toEqual([name, status, message]);
    }
    expect((await post(new TextEncoder().encode("x"), { name: null })).status).toBe(400);
    expect((await post(new TextEncoder().encode("x"), { name: null, headers: { "x-file-name": "%E0%A4%A" } })).error?.message).toBe("The file name is not valid.");
    expect(await documentCount(a.id)).toBe(before);
    expect(await filesOf(a.id)).toEqual(filesBefore);
  });

  it("cuts off a 200 MB body with 413 while streaming, and stores nothing", async () => {
    const before = await documentCount(a.id);
    const filesBefore = await filesOf(a.id);
    // Declared too large: refused before a byte is read.
    const declared = lazyBody(200 * 1024 * 1024);
    const early = await post(declared.stream, { name: "huge.txt", headers: { "content-length": String(200 * 1024 * 1024) } });
    expect(early.status).toBe(413);
    expect(early.error?.message).toBe("The file is larger than the 20 MB limit.");
    expect(declared.state.pulled).toBe(0);
    // Not declared (chunked): counted as it arrives and stopped just past the limit.
    const streamed = lazyBody(200 * 1024 * 1024);
    const late = await post(streamed.stream, { name: "huge.txt" });
    expect(late.status).toBe(413);
    expect(streamed.state.pulled).toBeLessThanOrEqual(20 * 1024 * 1024 + 2 * 64 * 1024);
    expect(await documentCount(a.id)).toBe(before);
    expect(await filesOf(a.id)).toEqual(filesBefore);
  });

  it("takes its limit from DOCUMENT_MAX_BYTES and answers in the reader's language", async () => {
    process.env.DOCUMENT_MAX_BYTES = "4096";
    const result = await post(new TextEncoder().encode("x".repeat(5000)), { name: "big.md", locale: "id" });
    expect(result.status).toBe(413);
    expect(result.error?.message).toBe("Berkas ini melebihi batas 4 KB.");
    expect((await post(new TextEncoder().encode("x".repeat(4000)), { name: "fits.md" })).status).toBe(201);
  });

  it("checks the session, the membership and the permission", async () => {
    expect((await post(new TextEncoder().encode("x"), { user: null })).status).toBe(401);
    const staff = await post(new TextEncoder().encode("x"), { user: staffOfA });
    expect(staff.status).toBe(403);
    expect(staff.error?.message).toBe("Your role (staff) does not allow document → create.");
    // B's owner naming A as active team: refused, nothing lands in either team.
    const beforeB = await documentCount(b.id);
    expect((await post(new TextEncoder().encode("x"), { user: b.owner, teamId: a.id })).status).toBe(403);
    expect(await documentCount(b.id)).toBe(beforeB);
  });
});
