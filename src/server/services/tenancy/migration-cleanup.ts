import { getBaseDb } from "../../db/client";
import type { TenantTier } from "../../db/generated/client";
import { openCopyConnection } from "../../db/tenancy/copy";
import { sameLocation, tenantLocation } from "../../db/tenancy/locations";
import { tryLockTierMigration, unlockTierMigration } from "../../db/tenancy/migration-lock";
import { defaultProvisioners, type Provisioners } from "../../db/tenancy/provisioners";
import { serverEnv } from "../../env";
import { describeError } from "../../log";
import { clearLocation } from "./migration-engine";

/**
 * Removes the source copy of completed moves once their grace period is over
 * (cleanupAfter): a SHARED source loses the team's rows (children first), a
 * SCHEMA source's schema and an ISOLATED source's database are dropped. Idempotent: the step
 * becomes "cleaned" after the delete, and deleting again deletes nothing.
 *
 * Never deletes live data: a team that has moved back to the source tier keeps
 * it (the move back already emptied it), and a team with a move under way is
 * left for a later run. "Under way" is decided while holding the engine's per-team
 * lock (migration-lock.ts), kept until the delete is done: a move started after
 * the check cannot run (provision its target) before the cleanup has finished.
 */
export type CleanupReport = { cleaned: string[]; skipped: string[]; failed: Array<{ id: string; error: string }> };

export async function cleanupMigratedTenants(
  options: { now?: Date; limit?: number; teamIds?: string[]; provisioners?: Partial<Provisioners> } = {},
): Promise<CleanupReport> {
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
      const outcome = await cleanupOne(migration, defaultProvisioners(options.provisioners));
      report[outcome].push(migration.id);
    } catch (error) {
      // One failing team does not hold up the others; it is tried again next run.
      report.failed.push({ id: migration.id, error: describeError(error) });
    }
  }
  return report;
}

type DueMigration = { id: string; teamId: string; fromTier: TenantTier; fromRegion: string };

async function cleanupOne(migration: DueMigration, provisioners: Provisioners): Promise<"cleaned" | "skipped"> {
  const db = getBaseDb();
  // The engine's per-team lock lives in the primary database (migration-engine.ts).
  const connection = await openCopyConnection({ url: serverEnv().DATABASE_URL, schema: "public" });
  try {
    if (!(await tryLockTierMigration(connection.client, migration.teamId))) return "skipped";
    try {
      const moving = await db.tenantMigration.findUnique({ where: { activeTeamId: migration.teamId }, select: { id: true } });
      if (moving) return "skipped";
      const team = await db.team.findUnique({ where: { id: migration.teamId }, select: { tier: true, region: true } });
      // A team back on its old placement (or on one with the same storage) lives there again: never delete it.
      const source = tenantLocation(migration.teamId, { tier: migration.fromTier, region: migration.fromRegion });
      if (team && !sameLocation(source, tenantLocation(migration.teamId, team))) {
        await clearLocation(source, migration.teamId, provisioners);
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
