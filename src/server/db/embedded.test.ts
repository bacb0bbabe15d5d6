import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool, createPrismaClient } from "./client";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "./embedded";
import { applyMigrations } from "./migrate";
import { createTenantClient } from "./tenant-client";

/** The embedded default (PGlite over the wire protocol) runs the same migrations and keeps tenants apart the same way. */
let embedded: EmbeddedDatabase;
let dataDir: string;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "ebos-pglite-"));
  embedded = await startEmbeddedDatabase({ dataDir, port: await freePort() });
  await applyMigrations(embedded.url, { quiet: true });
}, 120_000);

afterAll(async () => {
  await embedded?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("embedded database", () => {
  it("has pgvector", async () => {
    const client = new pg.Client({ connectionString: embedded.url });
    await client.connect();
    try {
      await client.query("CREATE EXTENSION IF NOT EXISTS vector");
      const distance = await client.query(`SELECT '[1,0]'::vector <=> '[0,1]'::vector AS d`);
      expect(Number(distance.rows[0].d)).toBeCloseTo(1);
    } finally {
      await client.end();
    }
  });

  it("applies the migrations and keeps two tenants apart with the extension and RLS", async () => {
    const pool = createPool(embedded.url, { max: 1, appRole: "eb_app" });
    const base = createPrismaClient(pool);
    try {
      const [a, b] = await Promise.all(
        ["embedded-a", "embedded-b"].map((slug) => base.team.create({ data: { name: slug, slug }, select: { id: true } })),
      );
      if (!a || !b) throw new Error("teams not created");
      const dbA = createTenantClient(base, a.id);
      const dbB = createTenantClient(base, b.id);
      await dbA.project.create({ data: { name: "A only" } });
      await dbB.project.create({ data: { name: "B only" } });
      expect((await dbA.project.findMany()).map((p) => p.name)).toEqual(["A only"]);
      expect((await dbB.project.findMany()).map((p) => p.name)).toEqual(["B only"]);
      // No tenant context: row-level security shows nothing.
      expect((await pool.query(`SELECT count(*)::int AS n FROM "Project"`)).rows[0].n).toBe(0);
      const audit = await dbA.auditLog.findMany({ select: { action: true, model: true } });
      expect(audit).toEqual([{ action: "insert", model: "Project" }]);
    } finally {
      await base.$disconnect();
      await pool.end();
    }
  });
});
