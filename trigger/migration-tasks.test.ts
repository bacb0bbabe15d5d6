import { runInMockTaskContext } from "@trigger.dev/core/v3/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, createTeam } from "../test/factories";
import { getTask, registerTaskFiles } from "../test/trigger-catalog";
import { getBaseDb } from "../src/server/db/client";
import { EXTERNAL_LOCK } from "../src/server/db/job-claim";
import { PgSchemaProvisioner } from "../src/server/db/tenancy/pg-schema-provisioner";
import { schemaClients } from "../src/server/db/tenancy/schema-clients";
import { JOB_RUN_TAG_PREFIX } from "../src/server/jobs/queue";
import { startTenantMigration } from "../src/server/services/tenancy/migration";

/** The tier migration's Trigger.dev wrappers, offline (the pattern of billing-tasks.test.ts). */
beforeAll(async () => {
  // No wait for other processes' access caches in a test.
  process.env.TENANT_MIGRATION_SETTLE_MS = "0";
  await registerTaskFiles([
    ["trigger/migrate-tenant.ts", () => import("./migrate-tenant")],
    ["trigger/cleanup-migrated-tenants.ts", () => import("./cleanup-migrated-tenants")],
  ]);
});

let moved: string | null = null;

afterAll(async () => {
  delete process.env.TENANT_MIGRATION_SETTLE_MS;
  await schemaClients().closeAll();
  // Other files look at every schema's tables (e.g. the audit-trigger check): leave none behind.
  if (moved) await new PgSchemaProvisioner().deprovision({ teamId: moved, region: "global", tier: "SCHEMA" });
});

const db = getBaseDb();
const signal = () => new AbortController().signal;

describe("tier migration Trigger.dev tasks", () => {
  it("registers the tasks with the job names as ids, the cleanup hourly", () => {
    expect(getTask("migrate-tenant").id).toBe("migrate-tenant");
    expect(getTask("cleanup-migrated-tenants").id).toBe("cleanup-migrated-tenants");
  });

  it("moves a team through the task and records the run on its JobRun row", async () => {
    const [team, other] = await Promise.all([createTeam("trigger-migrate"), createTeam("trigger-migrate-other")]);
    await callerFor(team.owner, team.id).project.create({ name: "moved by trigger" });
    await callerFor(other.owner, other.id).project.create({ name: "stays" });
    const migration = await startTenantMigration({ teamId: team.id, toTier: "SCHEMA", requestedById: team.owner.id });
    moved = team.id;
    // As if handed over to Trigger.dev: the row is locked for it.
    const row = await db.jobRun.update({ where: { key: `migrate-tenant:${migration.id}` }, data: { lockedBy: EXTERNAL_LOCK }, select: { id: true } });

    const output: unknown = await runInMockTaskContext(
      ({ ctx }) => getTask("migrate-tenant").fns.run({ migrationId: migration.id }, { ctx, signal: signal() }),
      { ctx: { run: { id: "run_migrate_1", tags: [`${JOB_RUN_TAG_PREFIX}${row.id}`] }, attempt: { number: 1 } } },
    );
    expect(output).toEqual({ status: "COMPLETED", step: "unlocked" });
    expect(await db.jobRun.findUniqueOrThrow({ where: { id: row.id }, select: { status: true } })).toEqual({ status: "SUCCEEDED" });
    expect(await db.team.findUniqueOrThrow({ where: { id: team.id }, select: { tier: true, status: true } })).toEqual({ tier: "SCHEMA", status: "ACTIVE" });
    expect((await callerFor(team.owner, team.id).project.list({})).items.map((p) => p.name)).toEqual(["moved by trigger"]);
    expect((await callerFor(other.owner, other.id).project.list({})).items.map((p) => p.name)).toEqual(["stays"]);
  });

  it("stops retries for a payload that cannot work, and runs the hourly cleanup", async () => {
    await expect(
      runInMockTaskContext(({ ctx }) => getTask("migrate-tenant").fns.run({ migrationId: "" }, { ctx, signal: signal() })),
    ).rejects.toMatchObject({ name: "AbortTaskRunError" });
    const scheduled = { type: "DECLARATIVE" as const, scheduleId: "sched_cleanup", timestamp: new Date(), timezone: "UTC", upcoming: [] };
    const result: unknown = await runInMockTaskContext(({ ctx }) => getTask("cleanup-migrated-tenants").fns.run(scheduled, { ctx, signal: signal() }));
    expect(result).toMatchObject({ cleaned: expect.any(Array), failed: [] });
  });
});
