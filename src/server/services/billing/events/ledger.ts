import { z } from "zod";
import { getBaseDb } from "../../../db/client";
import { Prisma } from "../../../db/generated/client";
import { ValidationError } from "../../../errors";
import { enqueueJob } from "../../../jobs/queue";
import { billingEventJobKey, PROCESS_BILLING_EVENT_JOB, reprocessOnRedelivery } from "./event-runs";
import { ZBillingEventSource } from "./types";

/**
 * The billing-event ledger: every provider event stored once, unique by
 * (source, id), then processed by the process-billing-event job. A duplicate
 * delivery (Stripe retries, a replay) finds the stored row and does nothing —
 * except hand over its processing again while it is not done: it heals a crash
 * between storing and enqueueing (the webhook answered 5xx then, so Stripe
 * delivers the event again), and an event whose run failed for good gets a new
 * run (event-runs.ts). Events nobody delivers again are picked up by the
 * sweeper (sweep.ts).
 */
export type IncomingBillingEvent = {
  source: "stripe" | "local";
  id: string;
  type: string;
  /** Unix seconds. */
  created: number;
  data: { object: Record<string, unknown> };
};

export { billingEventJobKey, PROCESS_BILLING_EVENT_JOB } from "./event-runs";

const ZIncomingBillingEvent = z.object({
  source: ZBillingEventSource,
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(120),
  created: z.number().int().nonnegative(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

export async function recordBillingEvent(event: IncomingBillingEvent): Promise<{ id: string; duplicate: boolean }> {
  const parsed = ZIncomingBillingEvent.safeParse(event);
  if (!parsed.success) throw new ValidationError("The billing event is not valid.");
  const { source, id, type, created, data } = parsed.data;
  const db = getBaseDb();
  let row: { id: string; status: string };
  let duplicate = false;
  try {
    row = await db.billingEvent.create({
      data: {
        source,
        externalId: id,
        type,
        occurredAt: new Date(created * 1000),
        payload: { id, type, created, data } as Prisma.InputJsonObject,
      },
      select: { id: true, status: true },
    });
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    const existing = await db.billingEvent.findUnique({ where: { source_externalId: { source, externalId: id } }, select: { id: true, status: true } });
    if (!existing) throw error;
    row = existing;
    duplicate = true;
  }
  if (row.status === "RECEIVED" || row.status === "FAILED") {
    if (duplicate) await reprocessOnRedelivery(row.id);
    else await enqueueJob({ job: PROCESS_BILLING_EVENT_JOB, payload: { billingEventId: row.id }, key: billingEventJobKey(row.id), teamId: null });
  }
  return { id: row.id, duplicate };
}

export { processBillingEvent } from "./process";
