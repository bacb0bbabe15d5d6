import { runInMockTaskContext } from "@trigger.dev/core/v3/test";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getTask, registerTaskFiles } from "../test/trigger-catalog";
import { createTeam, createUser, uniqueSuffix } from "../test/factories";
import { getBaseDb } from "../src/server/db/client";
import { EXTERNAL_LOCK } from "../src/server/db/job-claim";
import { getTenantDb } from "../src/server/db/get-tenant-db";
import { JOB_RUN_TAG_PREFIX } from "../src/server/jobs/queue";
import { createAiGateway, setAiGatewayForTests } from "../src/server/services/ai/gateway";
import { createLocalProvider } from "../src/server/services/ai/providers/local";

/**
 * The Trigger.dev wrappers run offline: task files register into a resource
 * catalog set up here (as the Trigger.dev worker does), and their run functions
 * are called inside a mocked task context (see shared/notes/offline-facts.md).
 */
beforeAll(() =>
  registerTaskFiles([
    ["trigger/ceo-digest.ts", () => import("./ceo-digest")],
    ["trigger/cleanup-expired-tokens.ts", () => import("./cleanup-expired-tokens")],
    ["trigger/ingest-document.ts", () => import("./ingest-document")],
    ["trigger/mark-overdue-invoices.ts", () => import("./mark-overdue-invoices")],
  ]),
);

afterEach(() => setAiGatewayForTests(null));

describe("Trigger.dev tasks", () => {
  it("registers one task per job, with the job names as ids", () => {
    for (const id of ["ceo-digest", "ceo-digest-schedule", "cleanup-expired-tokens", "ingest-document", "mark-overdue-invoices"]) expect(getTask(id).id).toBe(id);
  });

  it("runs the CEO digest body and records the run on its JobRun row", async () => {
    const team = await createTeam("trigger-digest");
    const date = "2031-01-10";
    const row = await getBaseDb().jobRun.create({
      data: { job: "ceo-digest", key: `ceo-digest:${team.id}:${date}`, teamId: team.id, payload: { teamId: team.id, date }, lockedBy: EXTERNAL_LOCK },
      select: { id: true },
    });
    setAiGatewayForTests(createAiGateway({ provider: createLocalProvider() }));

    const output: unknown = await runInMockTaskContext(
      ({ ctx }) => getTask("ceo-digest").fns.run({ teamId: team.id, date }, { ctx, signal: new AbortController().signal }),
      { ctx: { run: { id: "run_digest_1", tags: [`${JOB_RUN_TAG_PREFIX}${row.id}`] }, attempt: { number: 2 } } },
    );
    expect(output).toMatchObject({ emails: 1, aiNote: null });
    expect(await (await getTenantDb(team.id)).ceoDigest.count()).toBe(1);
    const recorded = await getBaseDb().jobRun.findUniqueOrThrow({ where: { id: row.id } });
    expect(recorded).toMatchObject({ status: "SUCCEEDED", attempts: 2, lockedBy: EXTERNAL_LOCK, lastError: null });
    expect(recorded.durationMs).toBeGreaterThanOrEqual(0);
    expect(recorded.progress).toEqual({ step: "mailing" });
  });

  it("stops Trigger.dev's retries for a payload that cannot work", async () => {
    await expect(
      runInMockTaskContext(({ ctx }) => getTask("ceo-digest").fns.run({ teamId: "x", date: "not-a-date" }, { ctx, signal: new AbortController().signal })),
    ).rejects.toMatchObject({ name: "AbortTaskRunError" });
  });

  it("runs the nightly token cleanup", async () => {
    const user = await createUser("trigger-cleanup");
    const token = `expired-${uniqueSuffix()}`;
    await getBaseDb().session.create({ data: { sessionToken: token, userId: user.id, expires: new Date(Date.now() - 60_000) } });
    const scheduled = { type: "DECLARATIVE" as const, scheduleId: "sched_1", timestamp: new Date(), timezone: "UTC", upcoming: [] };
    const result: unknown = await runInMockTaskContext(({ ctx }) => getTask("cleanup-expired-tokens").fns.run(scheduled, { ctx, signal: new AbortController().signal }));
    expect(result).toMatchObject({ sessions: expect.any(Number) });
    expect(await getBaseDb().session.findUnique({ where: { sessionToken: token } })).toBeNull();
  });

  it("schedules nothing for an hour before any team's 05:00", async () => {
    // In 2000 no team existed yet: no digest is due, so nothing is handed over.
    const scheduled = { type: "DECLARATIVE" as const, scheduleId: "sched_2", timestamp: new Date("2000-01-01T12:00:00Z"), timezone: "UTC", upcoming: [] };
    const result: unknown = await runInMockTaskContext(({ ctx }) => getTask("ceo-digest-schedule").fns.run(scheduled, { ctx, signal: new AbortController().signal }));
    expect(result).toEqual({ enqueued: [] });
  });
});
