import { isSingleSessionDatabase } from "../../db/single-session";
import { z } from "zod";
import { msg } from "../../../lib/message";
import { getBaseDb } from "../../db/client";
import { Prisma, type TenantMigrationStatus, type TenantTier } from "../../db/generated/client";
import { PgDatabaseProvisioner } from "../../db/tenancy/pg-database-provisioner";
import { assertOfferedRegion, databaseUrlForRegion } from "../../db/tenancy/regions";
import { tenantDatabaseName, tenantLocation } from "../../db/tenancy/locations";
import { sameStorage } from "../../db/tenancy/storage-identity";
import { invalidateTeamAccess } from "../team/team-access";
import { ConflictError, DomainError, NotFoundError, ValidationError } from "../../errors";
import { enqueueJob } from "../../jobs/queue";
import { describeError } from "../../log";

/**
 * The tier migration engine's entry points (spec feature 7): starting a move of a
 * team's data to another tier, and the latest move's state for the UI. The move
 * itself is the migrate-tenant job (migration-engine.ts); its source copy is
 * removed after a grace period by cleanup-migrated-tenants (migration-cleanup.ts).
 *
 * Every pair of tiers is served (SHARED, SCHEMA, ISOLATED), within a region or
 * to another region's server (a region move).
 */
export type MigrationProgress = {
  tables: Array<{ name: string; total: number; copied: number }>;
  rowsTotal: number;
  rowsCopied: number;
  percent: number;
};

export type MigrationView = {
  id: string;
  teamId: string;
  fromTier: TenantTier;
  toTier: TenantTier;
  status: TenantMigrationStatus;
  step: string;
  progress: MigrationProgress | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
};

export const MIGRATE_TENANT_JOB = "migrate-tenant";

export function migrateTenantKey(migrationId: string): string {
  return `${MIGRATE_TENANT_JOB}:${migrationId}`;
}

const ZProgress = z.object({
  tables: z.array(z.object({ name: z.string(), total: z.number(), copied: z.number() })),
  rowsTotal: z.number(),
  rowsCopied: z.number(),
  percent: z.number(),
});

export const migrationSelect = {
  id: true,
  teamId: true,
  fromTier: true,
  toTier: true,
  status: true,
  step: true,
  progress: true,
  error: true,
  createdAt: true,
  finishedAt: true,
} as const;

type MigrationRow = Prisma.TenantMigrationGetPayload<{ select: typeof migrationSelect }>;

export function toMigrationView(row: MigrationRow): MigrationView {
  const progress = ZProgress.safeParse(row.progress);
  return { ...row, progress: progress.success ? progress.data : null };
}

const ZStartInput = z.object({
  teamId: z.string().min(1, "Team is required.").max(64, "That team id is not valid."),
  toTier: z.enum(["SHARED", "SCHEMA", "ISOLATED"], { error: "Choose a valid tier." }),
  toRegion: z.string().min(1).max(32).optional(),
  requestedById: z.string().min(1).max(64).nullable(),
});

export async function startTenantMigration(input: { teamId: string; toTier: TenantTier; toRegion?: string; requestedById: string | null }): Promise<MigrationView> {
  const parsed = ZStartInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? "Choose a valid tier.");
  const { teamId, toTier, requestedById } = parsed.data;
  if (isSingleSessionDatabase()) {
    throw new DomainError(
      "UNPROCESSABLE",
      "Moving data between tiers needs a PostgreSQL server: the embedded demo database has a single session. Set DATABASE_URL to a PostgreSQL server to use it.",
    );
  }
  const db = getBaseDb();

  const team = await db.team.findUnique({ where: { id: teamId }, select: { id: true, tier: true, region: true, status: true } });
  if (!team) throw new NotFoundError("Team");
  const toRegion = parsed.data.toRegion === undefined ? team.region : assertOfferedRegion(parsed.data.toRegion);
  if (team.tier === toTier && team.region === toRegion) throw new ConflictError(msg`This team is already on the ${toTier} tier.`);
  const active = await db.tenantMigration.findUnique({ where: { activeTeamId: teamId }, select: { id: true } });
  if (active) throw new ConflictError("This team's data is already being moved. Wait until that move finishes.");
  if (team.status === "SOFT_LOCKED") {
    throw new DomainError("UNPROCESSABLE", "This team is locked because of an unpaid invoice: fix the payment before moving its data.");
  }
  if (team.status !== "ACTIVE") {
    throw new DomainError("UNPROCESSABLE", "This team is read-only at the moment: its data can be moved once it is active again.");
  }
  for (const region of new Set([team.region, toRegion])) {
    try {
      databaseUrlForRegion(region);
    } catch {
      throw new DomainError("UNPROCESSABLE", msg`No database server is configured for the region ${region}.`);
    }
  }
  // Two regions on one server (both defaulting to the primary database, or aliases
  // of one host): the data already is where the other region keeps it. Copying
  // would empty the source while preparing the target, so only the label moves.
  if (await sameStorage(tenantLocation(teamId, team), tenantLocation(teamId, { tier: toTier, region: toRegion }))) {
    if (team.tier !== toTier) throw new ConflictError("The source and the target of this move are the same storage; nothing was moved.");
    return relabelRegion({ teamId, tier: team.tier, fromRegion: team.region, toRegion, requestedById });
  }
  if (toTier === "ISOLATED") {
    // Never write into (or later drop) a database that is not ours.
    const state = await new PgDatabaseProvisioner().state({ teamId, region: toRegion });
    if (state === "foreign") {
      throw new ConflictError(
        msg`A database named ${tenantDatabaseName(teamId)} already exists on the server of region ${toRegion} and does not belong to this team. Nothing was moved; remove or rename that database first.`,
      );
    }
  }

  let row: MigrationRow;
  try {
    row = await db.tenantMigration.create({
      data: { teamId, fromTier: team.tier, toTier, fromRegion: team.region, toRegion, activeTeamId: teamId, requestedById },
      select: migrationSelect,
    });
  } catch (error) {
    // Two starts at once: the activeTeamId unique lets one through.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ConflictError("This team's data is already being moved. Wait until that move finishes.");
    }
    throw error;
  }
  try {
    await enqueueJob({ job: MIGRATE_TENANT_JOB, payload: { migrationId: row.id }, key: migrateTenantKey(row.id), teamId });
  } catch (error) {
    // Nothing was locked yet: free the team for another try.
    await db.tenantMigration.update({
      where: { id: row.id },
      data: { status: "FAILED", activeTeamId: null, finishedAt: new Date(), error: `The move could not be queued: ${describeError(error)}` },
    });
    throw error;
  }
  return toMigrationView(row);
}

/** A region move whose data stays put: the team's region changes, recorded as a completed move with nothing copied. */
async function relabelRegion(input: { teamId: string; tier: TenantTier; fromRegion: string; toRegion: string; requestedById: string | null }): Promise<MigrationView> {
  const now = new Date();
  const row = await getBaseDb().$transaction(async (tx) => {
    const moved = await tx.team.updateMany({ where: { id: input.teamId, tier: input.tier, region: input.fromRegion }, data: { region: input.toRegion } });
    if (moved.count !== 1) throw new ConflictError("The team's placement changed meanwhile; nothing was moved.");
    return tx.tenantMigration.create({
      data: {
        teamId: input.teamId,
        fromTier: input.tier,
        toTier: input.tier,
        fromRegion: input.fromRegion,
        toRegion: input.toRegion,
        requestedById: input.requestedById,
        status: "COMPLETED",
        // Nothing was copied, so there is no source to clean.
        step: "cleaned",
        progress: { tables: [], rowsTotal: 0, rowsCopied: 0, percent: 100 },
        startedAt: now,
        switchedAt: now,
        finishedAt: now,
      },
      select: migrationSelect,
    });
  });
  invalidateTeamAccess(input.teamId);
  return toMigrationView(row);
}

export async function latestTenantMigration(teamId: string): Promise<MigrationView | null> {
  if (typeof teamId !== "string" || teamId.length === 0 || teamId.length > 64) throw new ValidationError("That team id is not valid.");
  const row = await getBaseDb().tenantMigration.findFirst({ where: { teamId }, orderBy: { createdAt: "desc" }, select: migrationSelect });
  return row ? toMigrationView(row) : null;
}
