import { z } from "zod";
import { getBaseDb } from "../../db/client";
import type { Prisma, TenantTier } from "../../db/generated/client";
import {
  checksumTeamRows,
  countForeignRows,
  copyNextBatch,
  countTeamRows,
  deleteTeamRows,
  openCopyConnection,
  sameDatabaseConnections,
  tableLayouts,
  type CopyConnection,
  type TableLayout,
} from "../../db/tenancy/copy";
import { onPrimaryDatabase, sameLocation, tenantLocation, type TenantLocation } from "../../db/tenancy/locations";
import { tryLockTierMigration } from "../../db/tenancy/migration-lock";
import { defaultProvisioners, type Provisioners } from "../../db/tenancy/provisioners";
import { schemaClients } from "../../db/tenancy/schema-clients";
import { mirrorTeamRow } from "../../db/tenancy/team-mirror";
import { serverEnv } from "../../env";
import { ConflictError } from "../../errors";
import { describeError } from "../../log";
import { ACCESS_TTL_MS, invalidateTeamAccess } from "../team/team-access";
import { MIGRATION_TABLE_ORDER } from "./migration-tables";
import { migrationSelect, toMigrationView, type MigrationProgress, type MigrationView } from "./migration";

/**
 * The migrate-tenant job's body: moves one team's data between placements, one
 * recorded step at a time (TenantMigration.step), so a retried run picks up
 * where the last one stopped:
 *
 *   queued → locked → provisioned → copied → verified → switched → unlocked
 *
 * - locked: Team READ_ONLY ("Moving your data …"), its status before kept;
 * - provisioned: the target emptied of any stale copy of the team, and created
 *   (schema tenant_<id>) — nothing has been copied yet, so redoing it is safe;
 * - copy: table by table in dependency order, keyset batches that commit on
 *   their own; a crash leaves whole batches and the next run continues after
 *   the last key in the target (copy.ts), so no row is lost or copied twice;
 * - verified: per table, row count and checksum equal on both sides, or the
 *   move is rolled back;
 * - switched: Team.tier changes in one transaction with the step; caches dropped;
 * - unlocked: the status restored, the migration COMPLETED, the source copy kept
 *   until cleanupAfter (cleanup-migrated-tenants removes it).
 * A failure before the switch that retries cannot fix (verification, the last
 * attempt) rolls back: the partial target is removed, the team unlocked, the
 * migration FAILED with the reason. After the switch only going forward is right.
 */
export type MigrationHooks = {
  /** Called after each committed batch (fault injection in tests). */
  afterBatch?(info: { table: string; batch: number; copied: number }): Promise<void> | void;
  /** Called once the copy is complete, before verification. */
  beforeVerify?(): Promise<void> | void;
};

export type MigrationEngineOptions = {
  /** Rows per batch, for both kinds of copy (tests); by default TENANT_MIGRATION_BATCH_SIZE / TENANT_MIGRATION_STREAM_BATCH_SIZE. */
  batchSize?: number;
  /**
   * Wait after locking, before copying: other processes learn of the lock within
   * ACCESS_TTL_MS (their team-access cache), so writes they let through land
   * before the copy starts. Default: TENANT_MIGRATION_SETTLE_MS, else ACCESS_TTL_MS + 1 s.
   */
  settleMs?: number;
  now?: () => Date;
  signal?: AbortSignal;
  provisioners?: Partial<Provisioners>;
  /** Force the staged COPY path across databases (tests); by default it is used when the login role is bound by RLS. */
  stagedCopy?: boolean;
  onProgress?(progress: MigrationProgress): Promise<void>;
  hooks?: MigrationHooks;
};

const ZEnv = z.object({
  TENANT_MIGRATION_GRACE_HOURS: z.coerce.number().min(0).max(24 * 90).default(24),
  TENANT_MIGRATION_BATCH_SIZE: z.coerce.number().int().min(1).max(100_000).default(10_000),
  // Streamed batches (across databases) pay a round trip per batch on two connections: larger ones pay off (bench/tenancy-migration.ts).
  TENANT_MIGRATION_STREAM_BATCH_SIZE: z.coerce.number().int().min(1).max(500_000).default(50_000),
  TENANT_MIGRATION_SETTLE_MS: z.coerce.number().int().min(0).max(600_000).default(ACCESS_TTL_MS + 1_000),
});

function engineEnv() {
  return ZEnv.parse({
    TENANT_MIGRATION_GRACE_HOURS: process.env.TENANT_MIGRATION_GRACE_HOURS || undefined,
    TENANT_MIGRATION_BATCH_SIZE: process.env.TENANT_MIGRATION_BATCH_SIZE || undefined,
    TENANT_MIGRATION_STREAM_BATCH_SIZE: process.env.TENANT_MIGRATION_STREAM_BATCH_SIZE || undefined,
    TENANT_MIGRATION_SETTLE_MS: process.env.TENANT_MIGRATION_SETTLE_MS || undefined,
  });
}

const TIER_NAMES: Record<TenantTier, string> = { SHARED: "shared storage", SCHEMA: "a dedicated schema", ISOLATED: "a dedicated database" };

export function lockReason(toTier: TenantTier): string {
  return `Moving your data to ${TIER_NAMES[toTier]}. Changes are paused until the move is done.`;
}

/** A verification mismatch: retrying cannot fix it, the move is rolled back. */
export class MigrationVerifyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationVerifyError";
  }
}

type Migration = {
  id: string;
  teamId: string;
  fromTier: TenantTier;
  toTier: TenantTier;
  fromRegion: string;
  toRegion: string;
  status: string;
  step: string;
  progress: Prisma.JsonValue;
  statusBefore: "ACTIVE" | "READ_ONLY" | "SOFT_LOCKED" | null;
};

async function loadMigration(id: string): Promise<Migration> {
  const row = await getBaseDb().tenantMigration.findUnique({
    where: { id },
    select: { id: true, teamId: true, fromTier: true, toTier: true, fromRegion: true, toRegion: true, status: true, step: true, progress: true, statusBefore: true },
  });
  if (!row) throw new Error(`Tenant migration ${id} does not exist.`);
  return row;
}

async function setStep(id: string, step: string, data: Prisma.TenantMigrationUpdateInput = {}): Promise<void> {
  await getBaseDb().tenantMigration.update({ where: { id }, data: { ...data, step } });
}

function percentOf(progress: MigrationProgress): number {
  return progress.rowsTotal === 0 ? 100 : Math.floor((progress.rowsCopied / progress.rowsTotal) * 100);
}

export async function runTenantMigration(migrationId: string, options: MigrationEngineOptions = {}): Promise<MigrationView> {
  const env = engineEnv();
  const now = options.now ?? (() => new Date());
  let migration = await loadMigration(migrationId);
  if (migration.status === "COMPLETED" || migration.status === "FAILED" || migration.status === "ROLLED_BACK") return view(migrationId);
  if (migration.fromTier === migration.toTier && migration.fromRegion === migration.toRegion) throw new Error("A migration must change the tier or the region.");

  const provisioners = defaultProvisioners(options.provisioners);
  const sourceLocation = tenantLocation(migration.teamId, { tier: migration.fromTier, region: migration.fromRegion });
  const targetLocation = tenantLocation(migration.teamId, { tier: migration.toTier, region: migration.toRegion });
  // The per-team lock lives in the primary database, with the control plane.
  const lock = await openCopyConnection({ url: serverEnv().DATABASE_URL, schema: "public" });
  const opened: CopyConnection[] = [];
  const open = async (location: TenantLocation) => {
    const connection = await openCopyConnection(location);
    opened.push(connection);
    return connection;
  };
  try {
    // Two runs of one migration (a run taken over from a worker thought dead) never work at once.
    // The cleanup of an earlier move's source takes the same lock (migration-cleanup.ts).
    if (!(await tryLockTierMigration(lock.client, migration.teamId))) throw new Error("Another run of this migration is in progress.");

    if (migration.step === "queued") {
      const stopped = await lockTeam(migration, now());
      if (stopped) return view(migrationId);
      await mirrorTeam(migration.teamId, [sourceLocation]);
      const settleMs = options.settleMs ?? env.TENANT_MIGRATION_SETTLE_MS;
      if (settleMs > 0) await sleep(settleMs, options.signal);
      migration = await loadMigration(migrationId);
    }
    if (sameLocation(sourceLocation, targetLocation)) {
      // Preparing the target would empty the source: never. startTenantMigration relabels such moves instead.
      throw new MigrationVerifyError("The source and the target of this move are the same storage; nothing was moved.");
    }
    if (migration.step === "locked") {
      // The source's own database enforces the lock too (a resumed run re-writes it).
      await mirrorTeam(migration.teamId, [sourceLocation]);
      await prepareTarget(targetLocation, migration, provisioners);
    }
    const source = await open(sourceLocation);
    const target = await open(targetLocation);
    const layouts = await tableLayouts(source.client, sourceLocation.schema, MIGRATION_TABLE_ORDER);

    if (migration.step === "locked") {
      const progress = await initialProgress(source, migration.teamId);
      await setStep(migrationId, "provisioned", { progress });
      await options.onProgress?.(progress);
      migration = await loadMigration(migrationId);
    }
    if (migration.step === "provisioned") {
      const batchSize =
        options.batchSize ?? (sameDatabaseConnections(source, target) ? env.TENANT_MIGRATION_BATCH_SIZE : env.TENANT_MIGRATION_STREAM_BATCH_SIZE);
      await copyAll(source, target, migration, layouts, batchSize, options);
      await setStep(migrationId, "copied");
      migration = await loadMigration(migrationId);
    }
    if (migration.step === "copied") {
      await options.hooks?.beforeVerify?.();
      const mismatch = await verify(source, target, targetLocation, layouts, migration.teamId);
      if (mismatch) throw new MigrationVerifyError(mismatch);
      await setStep(migrationId, "verified");
      migration = await loadMigration(migrationId);
    }
    if (migration.step === "verified") {
      await switchPlacement(migration, now());
      migration = await loadMigration(migrationId);
    }
    if (migration.step === "switched") {
      await unlockTeam(migration, now(), env.TENANT_MIGRATION_GRACE_HOURS);
      await mirrorTeam(migration.teamId, [sourceLocation, targetLocation]);
    }
    return view(migrationId);
  } catch (error) {
    if (error instanceof MigrationVerifyError) {
      await rollbackTenantMigration(migrationId, error.message, { provisioners: options.provisioners });
    }
    throw error;
  } finally {
    await Promise.all(opened.map((connection) => connection.end().catch(() => undefined)));
    await lock.end().catch(() => undefined);
  }
}

/** Writes the team's control-plane row into each location's database that is not the primary one (team-mirror.ts). */
async function mirrorTeam(teamId: string, locations: readonly TenantLocation[]): Promise<void> {
  const team = await getBaseDb().team.findUniqueOrThrow({
    where: { id: teamId },
    select: { id: true, name: true, slug: true, tier: true, region: true, status: true, statusReason: true },
  });
  const urls = [...new Set(locations.filter((location) => !onPrimaryDatabase(location)).map((location) => location.url))];
  for (const url of urls) await mirrorTeamRow(url, team);
}

async function view(id: string): Promise<MigrationView> {
  return toMigrationView(await getBaseDb().tenantMigration.findUniqueOrThrow({ where: { id }, select: migrationSelect }));
}

/** Returns true when the move stopped before locking (the team was locked by someone else meanwhile). */
async function lockTeam(migration: Migration, at: Date): Promise<boolean> {
  const db = getBaseDb();
  const stopped = await db.$transaction(async (tx) => {
    const team = await tx.team.findUniqueOrThrow({ where: { id: migration.teamId }, select: { status: true, tier: true } });
    const before = migration.statusBefore ?? team.status;
    if (before !== "ACTIVE" || team.tier !== migration.fromTier) {
      // Dunning locked the team (or the tier changed) between start and run: its
      // own reason must stay, and the move is refused rather than overwriting it.
      await tx.tenantMigration.update({
        where: { id: migration.id },
        data: {
          status: "FAILED",
          activeTeamId: null,
          finishedAt: at,
          error: before !== "ACTIVE" ? "The team was locked before the move began; nothing was moved." : "The team's tier changed before the move began; nothing was moved.",
        },
      });
      return true;
    }
    await tx.team.update({ where: { id: migration.teamId }, data: { status: "READ_ONLY", statusReason: lockReason(migration.toTier) } });
    await tx.tenantMigration.update({ where: { id: migration.id }, data: { status: "RUNNING", step: "locked", statusBefore: before, startedAt: at } });
    return false;
  });
  invalidateTeamAccess(migration.teamId);
  return stopped;
}

/** Empties the target of any copy of the team (a stale source kept for its grace period), then creates it. */
async function prepareTarget(location: TenantLocation, migration: Migration, provisioners: Provisioners): Promise<void> {
  await clearLocation(location, migration.teamId, provisioners);
  if (location.tier !== "SHARED") {
    await provisioners[location.tier].provision({ teamId: migration.teamId, region: location.region, tier: location.tier });
  }
  // The earlier moves whose source was this target have nothing left to clean (it was just emptied);
  // the others' sources are elsewhere and still wait for their clean-up.
  const earlier = await getBaseDb().tenantMigration.findMany({
    where: { teamId: migration.teamId, status: "COMPLETED", step: "unlocked", id: { not: migration.id } },
    select: { id: true, fromTier: true, fromRegion: true },
  });
  const emptied = earlier.filter((move) => sameLocation(tenantLocation(migration.teamId, { tier: move.fromTier, region: move.fromRegion }), location));
  if (emptied.length > 0) {
    await getBaseDb().tenantMigration.updateMany({ where: { id: { in: emptied.map((move) => move.id) } }, data: { step: "cleaned" } });
  }
}

/** Removes every row of the team from a location: its own schema or database is dropped, shared tables lose the team's rows. */
export async function clearLocation(location: TenantLocation, teamId: string, provisioners: Provisioners): Promise<void> {
  await schemaClients().forget(teamId, location);
  if (location.tier !== "SHARED") {
    await provisioners[location.tier].deprovision({ teamId, region: location.region, tier: location.tier });
    return;
  }
  const connection = await openCopyConnection(location);
  try {
    await deleteTeamRows(connection.client, location.schema, MIGRATION_TABLE_ORDER, teamId);
  } finally {
    await connection.end().catch(() => undefined);
  }
}

async function initialProgress(source: CopyConnection, teamId: string): Promise<MigrationProgress> {
  const tables: MigrationProgress["tables"] = [];
  for (const name of MIGRATION_TABLE_ORDER) {
    tables.push({ name, total: await countTeamRows(source.client, source.location.schema, name, teamId), copied: 0 });
  }
  const rowsTotal = tables.reduce((sum, table) => sum + table.total, 0);
  const progress = { tables, rowsTotal, rowsCopied: 0, percent: 0 };
  return { ...progress, percent: percentOf(progress) };
}

async function copyAll(
  source: CopyConnection,
  target: CopyConnection,
  migration: Migration,
  layouts: Map<string, TableLayout>,
  batchSize: number,
  options: MigrationEngineOptions,
): Promise<void> {
  const stored = z
    .object({ tables: z.array(z.object({ name: z.string(), total: z.number(), copied: z.number() })) })
    .safeParse(migration.progress);
  const totals = new Map((stored.success ? stored.data.tables : []).map((table) => [table.name, table.total]));
  const progress: MigrationProgress = { tables: [], rowsTotal: 0, rowsCopied: 0, percent: 0 };
  // After a crash the target holds whole batches: count what is there.
  for (const name of MIGRATION_TABLE_ORDER) {
    const total = totals.get(name) ?? (await countTeamRows(source.client, source.location.schema, name, migration.teamId));
    const copied = await countTeamRows(target.client, target.location.schema, name, migration.teamId);
    progress.tables.push({ name, total, copied });
  }
  const refresh = async () => {
    progress.rowsTotal = progress.tables.reduce((sum, table) => sum + table.total, 0);
    progress.rowsCopied = progress.tables.reduce((sum, table) => sum + Math.min(table.copied, table.total), 0);
    progress.percent = percentOf(progress);
    await getBaseDb().tenantMigration.update({ where: { id: migration.id }, data: { progress } });
    await options.onProgress?.(progress);
  };
  await refresh();
  let batch = 0;
  for (const entry of progress.tables) {
    const layout = layouts.get(entry.name);
    if (!layout) throw new Error(`No layout for ${entry.name}.`);
    for (;;) {
      if (options.signal?.aborted) throw new Error("The migration run was stopped; it continues on the next try.");
      const inserted = await copyNextBatch(source, target, { layout, teamId: migration.teamId, batchSize, staged: options.stagedCopy });
      if (inserted === 0) break;
      entry.copied += inserted;
      batch += 1;
      await refresh();
      await options.hooks?.afterBatch?.({ table: entry.name, batch, copied: progress.rowsCopied });
      if (inserted < batchSize) break;
    }
  }
}

/** A description of the first table that differs, or null when every table matches. */
async function verify(source: CopyConnection, target: CopyConnection, targetLocation: TenantLocation, layouts: Map<string, TableLayout>, teamId: string): Promise<string | null> {
  for (const name of MIGRATION_TABLE_ORDER) {
    const layout = layouts.get(name);
    if (!layout) throw new Error(`No layout for ${name}.`);
    // Two connections, so both sides are read at once.
    const [from, to] = await Promise.all([
      checksumTeamRows(source.client, source.location.schema, layout, teamId),
      checksumTeamRows(target.client, target.location.schema, layout, teamId),
    ]);
    if (from.count !== to.count) return `Verification failed for ${name}: ${from.count} rows in the source, ${to.count} in the copy. The move was undone.`;
    if (from.checksum !== to.checksum) return `Verification failed for ${name}: the copied rows differ from the source. The move was undone.`;
    // A team's own schema or database holds its rows only (shared tables hold every SHARED team's).
    if (!targetLocation.shared && (await countForeignRows(target.client, targetLocation.schema, name, teamId)) > 0) {
      return `Verification failed for ${name}: the copy holds rows of another team. The move was undone.`;
    }
  }
  return null;
}

async function switchPlacement(migration: Migration, at: Date): Promise<void> {
  await getBaseDb().$transaction(async (tx) => {
    // Only a run that is still RUNNING (not rolled back meanwhile by a taken-over
    // attempt) and only from the tier it copied from: otherwise nothing switches.
    const claimed = await tx.tenantMigration.updateMany({
      where: { id: migration.id, status: "RUNNING", activeTeamId: migration.teamId },
      data: { step: "switched", switchedAt: at },
    });
    const moved = await tx.team.updateMany({
      where: { id: migration.teamId, tier: migration.fromTier, region: migration.fromRegion },
      data: { tier: migration.toTier, region: migration.toRegion },
    });
    if (claimed.count !== 1 || moved.count !== 1) {
      throw new Error("The move was stopped or the team's placement changed before the switch; nothing was switched.");
    }
  });
  await dropCaches(migration);
}

async function dropCaches(migration: Migration): Promise<void> {
  invalidateTeamAccess(migration.teamId);
  await schemaClients().forget(migration.teamId, { tier: migration.fromTier, region: migration.fromRegion });
  await schemaClients().forget(migration.teamId, { tier: migration.toTier, region: migration.toRegion });
}

/** Restores the status the move found, unless someone else (dunning) changed it meanwhile. */
async function restoreTeam(tx: Prisma.TransactionClient, migration: Migration): Promise<void> {
  await tx.team.updateMany({
    where: { id: migration.teamId, status: "READ_ONLY", statusReason: lockReason(migration.toTier) },
    data: { status: migration.statusBefore ?? "ACTIVE", statusReason: null },
  });
}

async function unlockTeam(migration: Migration, at: Date, graceHours: number): Promise<void> {
  await getBaseDb().$transaction(async (tx) => {
    await restoreTeam(tx, migration);
    await tx.tenantMigration.update({
      where: { id: migration.id },
      data: {
        status: "COMPLETED",
        step: "unlocked",
        activeTeamId: null,
        finishedAt: at,
        cleanupAfter: new Date(at.getTime() + graceHours * 3_600_000),
      },
    });
  });
  invalidateTeamAccess(migration.teamId);
}

/**
 * Undoes a move that did not reach the switch: removes the partial target,
 * restores the team's status, and records FAILED with the reason. Idempotent; a
 * move already switched is finished (unlocked) instead, as its data now lives
 * in the target.
 */
export async function rollbackTenantMigration(
  migrationId: string,
  reason: string,
  options: { provisioners?: Partial<Provisioners>; now?: () => Date } = {},
): Promise<void> {
  const migration = await loadMigration(migrationId);
  if (migration.status === "COMPLETED" || migration.status === "FAILED" || migration.status === "ROLLED_BACK") return;
  const at = (options.now ?? (() => new Date()))();
  if (migration.step === "switched") {
    await unlockTeam(migration, at, engineEnv().TENANT_MIGRATION_GRACE_HOURS);
    return;
  }
  const source = tenantLocation(migration.teamId, { tier: migration.fromTier, region: migration.fromRegion });
  if (migration.step !== "queued") {
    const team = await getBaseDb().team.findUniqueOrThrow({ where: { id: migration.teamId }, select: { tier: true, region: true } });
    // The target is never the team's live placement before the switch; check anyway, by storage too.
    const target = tenantLocation(migration.teamId, { tier: migration.toTier, region: migration.toRegion });
    const live = tenantLocation(migration.teamId, team);
    if (!sameLocation(target, live) && !sameLocation(target, source)) {
      await clearLocation(target, migration.teamId, defaultProvisioners(options.provisioners)).catch((error: unknown) => {
        // A target refused as someone else's database was never ours to remove.
        if (!(error instanceof ConflictError)) throw error;
      });
    }
  }
  await getBaseDb().$transaction(async (tx) => {
    await restoreTeam(tx, migration);
    await tx.tenantMigration.update({
      where: { id: migration.id },
      data: { status: "FAILED", activeTeamId: null, finishedAt: at, error: reason.slice(0, 2_000) },
    });
  });
  await dropCaches(migration);
  // The source is live again: its database must stop refusing the team's writes.
  // A few tries; if its server stays unreachable, the error surfaces on the job run.
  for (let attempt = 1; ; attempt++) {
    try {
      await mirrorTeam(migration.teamId, [source]);
      return;
    } catch (error) {
      console.error(`[tenancy] restoring the team mirror after a rollback failed (attempt ${attempt}): ${describeError(error)}`);
      if (attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, attempt * 1_000));
    }
  }
}

/** The text stored as a failed migration's error: no stack, no connection strings. */
export function migrationFailureReason(error: unknown): string {
  return `The move failed and was undone; the team's data is where it was. Cause: ${describeError(error)}`;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error("The migration run was stopped; it continues on the next try."));
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(new Error("The migration run was stopped; it continues on the next try."));
      },
      { once: true },
    );
  });
}
