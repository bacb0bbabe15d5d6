import { getBaseDb } from "../src/server/db/client";
import { getTenantDb } from "../src/server/db/get-tenant-db";
import { tenantDatabaseName } from "../src/server/db/tenancy/locations";
import { schemaClients } from "../src/server/db/tenancy/schema-clients";
import { invalidateTeamAccess } from "../src/server/services/team/team-access";
import { MIGRATION_TABLE_ORDER } from "../src/server/services/tenancy/migration-tables";
import { callerFor, type TestTeam } from "./factories";
import pg from "pg";

/**
 * Tenant data in every kind of tenant table, made through the real routers (and
 * the tenant client for a document with chunks): projects, labels, tasks,
 * comments, a customer and an invoice, and the audit trail they leave.
 */
export async function seedTenantData(team: TestTeam, label: string): Promise<void> {
  const api = callerFor(team.owner, team.id);
  const project = await api.project.create({ name: `${label} project` });
  const bug = await api.label.create({ name: `bug-${label}`, color: "#ff0000" });
  const docs = await api.label.create({ name: `docs-${label}` });
  for (let i = 0; i < 5; i++) {
    const task = await api.task.create({ projectId: project.id, title: `${label} task ${i}`, priority: i % 2 ? "HIGH" : "LOW", labelIds: i % 2 ? [bug.id] : [bug.id, docs.id] });
    await api.taskComment.create({ taskId: task.id, body: `comment on ${i}` });
  }
  const customer = await api.customer.create({ name: `PT ${label}` });
  await api.invoice.create({
    customerId: customer.id,
    currency: "IDR",
    issueDate: "2026-11-01",
    dueDate: "2026-11-15",
    taxRate: "11",
    discount: "0",
    lines: [
      { description: "Consulting", quantity: "2", unitPrice: "1500000" },
      { description: "Support", quantity: "1.5", unitPrice: "250000" },
    ],
  });
  const tenant = await getTenantDb(team.id);
  await tenant.document.create({
    data: {
      teamId: team.id,
      name: `${label}.txt`,
      mimeType: "text/plain",
      sizeBytes: 12,
      storageKey: `docs/${label}`,
      sha256: "0".repeat(64),
      chunks: { create: [0, 1, 2].map((index) => ({ index, content: `part ${index}`, tokenCount: 3, embedding: [0.25, -1.5, index], embeddingModel: "test" })) },
    },
    select: { id: true },
  });
}

/** Every row of every tenant table of the team at (url, schema), all columns, as JSON text, sorted. */
export async function snapshotAt(url: string, schema: string, teamId: string): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, string[]> = {};
    for (const table of MIGRATION_TABLE_ORDER) {
      const result = await client.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${schema}"."${table}" t WHERE "teamId" = $1 ORDER BY 1`, [teamId]);
      out[table] = result.rows.map((row) => row.row);
    }
    return out;
  } finally {
    await client.end();
  }
}

export function rowCount(snap: Record<string, string[]>): number {
  return Object.values(snap).reduce((sum, rows) => sum + rows.length, 0);
}

/**
 * After a test that moved teams to ISOLATED: drops their databases and puts them
 * back on SHARED (their rows there await a cleanup that will not come), so no
 * later list or query in the file meets a dropped database.
 */
export async function resetIsolatedTeams(teamIds: string[]): Promise<void> {
  if (teamIds.length === 0) return;
  await schemaClients().closeAll();
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    for (const teamId of teamIds) {
      await admin.query(`DROP DATABASE IF EXISTS "${tenantDatabaseName(teamId)}" WITH (FORCE)`);
      await getBaseDb().team.update({ where: { id: teamId }, data: { tier: "SHARED" }, select: { id: true } });
      await getBaseDb().tenantMigration.updateMany({ where: { teamId }, data: { cleanupAfter: null } });
      invalidateTeamAccess(teamId);
    }
  } finally {
    await admin.end();
  }
}
