/**
 * The baseline of the HTTP benchmark: node:http + pg, the same query as
 * project.list, no framework, no auth, no tenant context.
 */
import http from "node:http";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const teamId = process.env.BENCH_TEAM_ID;
const port = Number(process.env.PORT ?? 3201);

const server = http.createServer((_req, res) => {
  pool
    .query(
      `SELECT id, name, description, status, "createdById", "createdAt", "updatedAt"
       FROM "Project" WHERE "teamId" = $1 ORDER BY "createdAt" DESC, id DESC LIMIT 51`,
      [teamId],
    )
    .then((result) => {
      const items = result.rows.slice(0, 50);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ items, nextCursor: result.rows.length > 50 ? (items.at(-1)?.id ?? null) : null }));
    })
    .catch(() => {
      res.writeHead(500);
      res.end();
    });
});
server.listen(port, "127.0.0.1", () => console.log(`bare server on ${port}`));
process.on("SIGTERM", () => server.close(() => void pool.end().then(() => process.exit(0))));
