import { getBaseDb } from "../../db/client";
import type { TenantTier } from "../../db/generated/client";
import { deleteTeamRows, openCopyConnection } from "../../db/tenancy/copy";
import { tryLockTierMigration, unlockTierMigration } from "../../db/tenancy/migration-lock";
import { PgSchemaProvisioner } from "../../db/tenancy/pg-schema-provisioner";
import type { TenantProvisioner } from "../../db/tenancy/provisioner";
import { schemaClients } from "../../db/tenancy/schema-clients";
import { describeError } from "../../log";
import { MIGRATION_TABLE_ORDER } from "./migration-tables";

/**
 * Removes the source copy of completed moves once their grace period is over
 * (cleanupAfter): SHARED → SCHEMA deletes the team's rows from the public tables
 * (children first); SCHEMA → SHARED drops the schema. Idempotent: the step
 * becomes "cleaned" after the delete, and deleting again deletes nothing.
 *
 * Never deletes live data: a team that has moved back to the source tier keeps
 * it (the move back already emptied it), and a team with a move under way is
 * left for a later run. "Under way" is decided while holding the engine's per-team
 * lock (migration-lock.ts), kept until the delete is done: a move started after
 * the check cannot run (provision its target) before the cleanup has finished.
 */
export type CleanupReport = { cleaned: string[]; skipped: string[]; failed: Array<{ id: string; error: string }> };

export async function cleanupMigratedTenants(options: { now?: Date; limit?: number; teamIds?: string[]; provisioner?: TenantProvisioner } = {}): Promise<CleanupReport> {
  const now = options.now ?? new Date();
  const db = getBaseDb();
  const due = await db.tenantMigration.findMany({
    where: { status: "COMPLETED", step: "unlocked", cleanupAfter: { lte: now }, ...(options.teamIds ? { teamId: { in: options.teamIds } } : {}) },
    orderBy: { cleanupAfter: "asc" },
    take: options.limit ?? 50,
    select: { id: true, teamId: true, fromTier: true, fromRegion: true },
  });
  const report: CleanupReport = { cleaned: [], skipped: [], failed: [] };
  for (const migration of due) {
    try {
      const outcome = await cleanupOne(migration, options.provisioner);
      report[outcome].push(migration.id);
    } catch (error) {
      // One failing team does not hold up the others; it is tried again next run.
      report.failed.push({ id: migration.id, error: describeError(error) });
    }
  }
  return report;
}

type DueMigration = { id: string; teamId: string; fromTier: TenantTier; fromRegion: string };

async function cleanupOne(migration: DueMigration, provisioner: TenantProvisioner | undefined): Promise<"cleaned" | "skipped"> {
  const db = getBaseDb();
  // The lock lives in the source's database, where a move back would put its target.
  const connection = await openCopyConnection(migration.fromRegion);
  try {
    if (!(await tryLockTierMigration(connection.client, migration.teamId))) return "skipped";
    try {
      const moving = await db.tenantMigration.findUnique({ where: { activeTeamId: migration.teamId }, select: { id: true } });
      if (moving) return "skipped";
      const team = await db.team.findUnique({ where: { id: migration.teamId }, select: { tier: true } });
      if (team && team.tier !== migration.fromTier) {
        if (migration.fromTier === "SHARED") {
          await deleteTeamRows(connection.client, "public", MIGRATION_TABLE_ORDER, migration.teamId);
        } else if (migration.fromTier === "SCHEMA") {
          await schemaClients().forget(migration.teamId, migration.fromRegion);
          await (provisioner ?? new PgSchemaProvisioner()).deprovision({ teamId: migration.teamId, region: migration.fromRegion, tier: "SCHEMA" });
        }
      }
      await db.tenantMigration.updateMany({ where: { id: migration.id, step: "unlocked" }, data: { step: "cleaned" } });
      return "cleaned";
    } finally {
      await unlockTierMigration(connection.client, migration.teamId).catch(() => undefined);
    }
  } finally {
    await connection.end().catch(() => undefined);
  }
}
