import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * The embedded default database: PGlite (PostgreSQL in WASM, with pgvector)
 * persisted under `dataDir` and served over the PostgreSQL wire protocol, so the
 * app, Prisma's CLI and psql connect to it exactly as to a real server.
 *
 * PGlite has one session, so the server takes one connection at a time and the
 * app uses a pool of one: session settings such as app.team_id then belong to
 * that one connection, as the context pool assumes.
 */
export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

export async function startEmbeddedDatabase(options: { dataDir: string; port: number; host?: string }): Promise<EmbeddedDatabase> {
  mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir, { extensions: { vector } });
  const host = options.host ?? "127.0.0.1";
  // One connection at a time: every connection would share PGlite's one session,
  // so a second client could change the role or tenant settings under the app's
  // feet. Tools (psql, prisma migrate) connect while the app is stopped.
  const server = new PGLiteSocketServer({ db, port: options.port, host, maxConnections: 1 });
  await server.start();
  return {
    url: `postgresql://postgres@${host}:${options.port}/postgres`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
