import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * The embedded default database: PGlite (PostgreSQL in WASM, with pgvector)
 * persisted under `dataDir` and served over the PostgreSQL wire protocol, so the
 * app, Prisma's CLI and psql connect to it exactly as to a real server.
 *
 * PGlite has one session: connections are multiplexed onto it and transactions
 * are serialized. The app therefore uses a pool of one connection against it
 * (session settings such as app.team_id then belong to that one connection).
 */
export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

export async function startEmbeddedDatabase(options: { dataDir: string; port: number; host?: string }): Promise<EmbeddedDatabase> {
  mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir, { extensions: { vector } });
  const host = options.host ?? "127.0.0.1";
  const server = new PGLiteSocketServer({ db, port: options.port, host, maxConnections: 32 });
  await server.start();
  return {
    url: `postgresql://postgres@${host}:${options.port}/postgres`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
