import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runOnTriggerDev } from "./trigger-run";
import { defineJob, PermanentJobError } from "./types";

/** The Trigger.dev wrapper's failure handling, without a JobRun row (a run started from Trigger.dev's dashboard). */
function info(attempt: number) {
  return { ctx: { run: { id: `run_${attempt}`, tags: [] }, attempt: { number: attempt } }, signal: new AbortController().signal };
}

describe("runOnTriggerDev", () => {
  it("calls the job's onFinalFailure hook after the last attempt or a permanent error, not before", async () => {
    const calls: Array<{ n: number; runId: string; message: string }> = [];
    const job = defineJob({
      name: "trigger-run-test",
      payload: z.object({ n: z.number().int() }),
      maxAttempts: 3,
      run: async ({ n }) => {
        if (n === 2) throw new PermanentJobError("The file is corrupt.");
        throw new Error("flaky");
      },
      onFinalFailure: async ({ n }, error, { runId }) => {
        calls.push({ n, runId, message: (error as Error).message });
      },
    });
    await expect(runOnTriggerDev(job, { n: 1 }, info(1))).rejects.toThrow("flaky");
    await expect(runOnTriggerDev(job, { n: 1 }, info(2))).rejects.toThrow("flaky");
    expect(calls).toEqual([]);
    await expect(runOnTriggerDev(job, { n: 1 }, info(3))).rejects.toThrow("flaky");
    expect(calls).toEqual([{ n: 1, runId: "run_3", message: "flaky" }]);
    await expect(runOnTriggerDev(job, { n: 2 }, info(1))).rejects.toMatchObject({ name: "AbortTaskRunError" });
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual({ n: 2, runId: "run_1", message: "The file is corrupt." });
    // A payload that does not fit the job gives the hook nothing to work with.
    await expect(runOnTriggerDev(job, { n: "x" }, info(1))).rejects.toMatchObject({ name: "AbortTaskRunError" });
    expect(calls).toHaveLength(2);
  });
});
