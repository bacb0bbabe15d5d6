import { task } from "@trigger.dev/sdk";
import { markOverdueInvoicesJob } from "../src/server/jobs/mark-overdue-invoices";
import { runOnTriggerDev } from "../src/server/jobs/trigger-run";

/** One team's daily overdue marking (enqueued by the hourly schedule in ceo-digest.ts). */
export const markOverdueInvoicesTask = task({
  id: "mark-overdue-invoices",
  maxDuration: 120,
  retry: { maxAttempts: markOverdueInvoicesJob.maxAttempts ?? 5, minTimeoutInMs: 5_000, maxTimeoutInMs: 15 * 60_000, factor: 2, randomize: true },
  run: (payload: { teamId: string; date: string }, { ctx, signal }) => runOnTriggerDev(markOverdueInvoicesJob, payload, { ctx, signal }),
});
