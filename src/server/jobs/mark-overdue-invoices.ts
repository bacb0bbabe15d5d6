import { z } from "zod";
import { getTenantDb } from "../db/get-tenant-db";
import { markOverdueInvoices } from "../services/invoices/invoices";
import { parseLocalDate } from "./local-time";
import { defineJob } from "./types";

/**
 * Once per team per local day (the scheduler enqueues it at the team's first tick
 * after local midnight): SENT invoices due before that date become OVERDUE, with
 * their invoice.overdue events. Idempotent (see markOverdueInvoices).
 */
export const markOverdueInvoicesJob = defineJob({
  name: "mark-overdue-invoices",
  payload: z.object({
    teamId: z.string().min(1).max(64),
    date: z.string().refine((value) => parseLocalDate(value) !== null, "Use a calendar date (YYYY-MM-DD)."),
  }),
  maxAttempts: 5,
  timeoutMs: 2 * 60_000,
  run: async ({ teamId, date }) => markOverdueInvoices(await getTenantDb(teamId, { actorId: null, requestId: null }), date),
});
