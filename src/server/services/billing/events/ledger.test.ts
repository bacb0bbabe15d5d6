import { describe, expect, it } from "vitest";
import { uniqueSuffix } from "../../../../../test/factories";
import { getBaseDb } from "../../../db/client";
import { getJobDefinition } from "../../../jobs/registry";
import { billingEventJobKey, recordBillingEvent } from "./ledger";

/** A duplicate delivery of an event that is not done yet hands it over again — also after its run failed for good. */
const db = getBaseDb();
const ctx = { runId: "test", attempt: 1, signal: new AbortController().signal, progress: async () => undefined };

function event(id: string) {
  // A type the app does not handle: processing marks it IGNORED (done).
  return { source: "local" as const, id, type: "customer.tax_id.created", created: Math.floor(Date.now() / 1000), data: { object: { id: "txi_1", object: "tax_id" } } };
}

const runsOf = (rowId: string) =>
  db.jobRun.findMany({ where: { key: { startsWith: billingEventJobKey(rowId) } }, orderBy: { createdAt: "asc" }, select: { key: true, status: true, payload: true } });

describe("recordBillingEvent on a duplicate delivery", () => {
  it("enqueues a new run when the event's run failed for good, and none while a run is under way or the event is done", async () => {
    const incoming = event(`evt_dup_${uniqueSuffix()}${uniqueSuffix()}`);
    const other = event(`evt_dup_other_${uniqueSuffix()}${uniqueSuffix()}`);
    const first = await recordBillingEvent(incoming);
    const otherRow = await recordBillingEvent(other);
    expect(first.duplicate).toBe(false);
    expect(await runsOf(first.id)).toEqual([{ key: billingEventJobKey(first.id), status: "QUEUED", payload: { billingEventId: first.id } }]);

    // Delivered again while its first run is queued: nothing new.
    expect(await recordBillingEvent(incoming)).toEqual({ id: first.id, duplicate: true });
    expect(await runsOf(first.id)).toHaveLength(1);

    // The run used up its attempts during an outage: event and run FAILED.
    await db.jobRun.update({ where: { key: billingEventJobKey(first.id) }, data: { status: "FAILED", attempts: 8, finishedAt: new Date() } });
    await db.billingEvent.update({ where: { id: first.id }, data: { status: "FAILED", error: "Database away." } });

    // The next delivery hands it over under a key of its own; a burst adds one.
    await recordBillingEvent(incoming);
    await recordBillingEvent(incoming);
    const runs = await runsOf(first.id);
    expect(runs).toHaveLength(2);
    const retry = runs[1];
    expect(retry?.key).toMatch(new RegExp(`^${billingEventJobKey(first.id)}:redelivery:\\d{4}-`));
    expect(retry).toMatchObject({ status: "QUEUED", payload: { billingEventId: first.id } });

    // The new run processes it; once done, deliveries change nothing.
    const job = getJobDefinition("process-billing-event");
    if (!job) throw new Error("process-billing-event is not registered");
    expect(await job.run(retry?.payload, ctx)).toEqual({ outcome: "ignored" });
    await db.jobRun.update({ where: { key: retry?.key ?? "" }, data: { status: "SUCCEEDED" } });
    await recordBillingEvent(incoming);
    expect(await runsOf(first.id)).toHaveLength(2);
    expect(await db.billingEvent.findUniqueOrThrow({ where: { id: first.id }, select: { status: true, attempts: true } })).toEqual({ status: "IGNORED", attempts: 1 });

    // The other event kept its one queued run.
    expect(await runsOf(otherRow.id)).toEqual([{ key: billingEventJobKey(otherRow.id), status: "QUEUED", payload: { billingEventId: otherRow.id } }]);
  });
});
