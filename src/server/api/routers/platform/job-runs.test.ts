import { describe, expect, it } from "vitest";
import { callerFor, createTeam, createUser, uniqueSuffix } from "../../../../../test/factories";
import { getBaseDb } from "@/server/db/client";

describe("platform.jobRuns (superadmin)", () => {
  it("lists runs of every team with their outcome, without payloads, and only for operators", async () => {
    const [a, b, operator] = await Promise.all([createTeam("runs-a"), createTeam("runs-b"), createUser("runs-operator", { superAdmin: true })]);
    const job = `test-platform-${uniqueSuffix()}`;
    await getBaseDb().jobRun.createMany({
      data: [
        { job, key: `${job}:a`, teamId: a.id, payload: { secret: "tenant-a-row" }, status: "SUCCEEDED", attempts: 1, durationMs: 42 },
        { job, key: `${job}:b`, teamId: b.id, payload: { secret: "tenant-b-row" }, status: "FAILED", attempts: 5, lastError: "Error: boom" },
      ],
    });
    const runs = (await callerFor(operator).platform.jobRuns({ limit: 200 })).filter((run) => run.job === job);
    expect(runs.map((run) => [run.teamName, run.status, run.durationMs, run.lastError]).sort()).toEqual([
      ["runs-a", "SUCCEEDED", 42, null],
      ["runs-b", "FAILED", null, "Error: boom"],
    ]);
    expect(JSON.stringify(runs)).not.toContain("tenant-a-row");
    const failed = await callerFor(operator).platform.jobRuns({ status: "FAILED", limit: 200 });
    expect(failed.every((run) => run.status === "FAILED")).toBe(true);
    await expect(callerFor(a.owner, a.id).platform.jobRuns({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(operator).platform.jobRuns({ limit: 500 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
