import { runInMockTaskContext } from "@trigger.dev/core/v3/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTask, registerTaskFiles } from "../test/trigger-catalog";
import { createTeam } from "../test/factories";
import { getBaseDb } from "../src/server/db/client";
import { PgSchemaProvisioner } from "../src/server/db/tenancy/pg-schema-provisioner";
import { SYNC_JOBS } from "../src/server/jobs/tenancy/sync-jobs";

/** The schema-sync Trigger.dev wrapper, offline (the pattern of billing-tasks.test.ts). */
beforeAll(() => registerTaskFiles([["trigger/sync-tenant-schemas.ts", () => import("./sync-tenant-schemas")]]));

const db = getBaseDb();
const provisioner = new PgSchemaProvisioner();
const signal = () => new AbortController().signal;
let schemaTeam = "";
let other = "";

beforeAll(async () => {
  const [team, second] = await Promise.all([createTeam("sync-task"), createTeam("sync-task-other")]);
  schemaTeam = team.id;
  other = second.id;
  await provisioner.provision({ teamId: schemaTeam, region: "global", tier: "SCHEMA" });
  await db.team.update({ where: { id: schemaTeam }, data: { tier: "SCHEMA" }, select: { id: true } });
}, 60_000);

afterAll(async () => {
  await provisioner.deprovision({ teamId: schemaTeam, region: "global", tier: "SCHEMA" });
  await db.team.update({ where: { id: schemaTeam }, data: { tier: "SHARED" }, select: { id: true } });
});

describe("sync-tenant-schemas task", () => {
  it("is registered as a job and a task under one name", () => {
    expect(SYNC_JOBS.map((job) => job.name)).toEqual(["sync-tenant-schemas"]);
    expect(getTask("sync-tenant-schemas").id).toBe("sync-tenant-schemas");
  });

  it("syncs the listed tenants and stores the run", async () => {
    const result: unknown = await runInMockTaskContext(({ ctx }) => getTask("sync-tenant-schemas").fns.run({ teamIds: [schemaTeam], concurrency: 2 }, { ctx, signal: signal() }));
    expect(result).toMatchObject({ applied: 0, current: 1, failed: 0 });
    const runId = (result as { runId: string }).runId;
    expect(await db.tenantSyncResult.findMany({ where: { runId }, select: { teamId: true, outcome: true } })).toEqual([{ teamId: schemaTeam, outcome: "current" }]);
    expect(await db.tenantSyncResult.count({ where: { teamId: other } })).toBe(0);
  });

  it("stops Trigger.dev's retries for a payload that cannot work", async () => {
    await expect(
      runInMockTaskContext(({ ctx }) => getTask("sync-tenant-schemas").fns.run({ concurrency: 0 }, { ctx, signal: signal() })),
    ).rejects.toMatchObject({ name: "AbortTaskRunError" });
  });
});
