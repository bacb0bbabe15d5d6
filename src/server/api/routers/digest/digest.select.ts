import { z } from "zod";
import { providerLabel, ZDigestMetrics } from "@/server/jobs/ceo-digest";

export const digestSelect = { id: true, date: true, timezone: true, metrics: true, insights: true, provider: true, model: true, createdAt: true } as const;

type DigestRow = { id: string; date: Date; timezone: string; metrics: unknown; insights: unknown; provider: string; model: string; createdAt: Date };

const ZInsights = z.array(z.string()).catch([]);

/** The stored JSON checked on the way out: a row written by an older version shows no numbers rather than breaking the card. */
export function toDigestView(row: DigestRow) {
  const metrics = ZDigestMetrics.safeParse(row.metrics);
  return {
    id: row.id,
    date: row.date.toISOString().slice(0, 10),
    timezone: row.timezone,
    metrics: metrics.success ? metrics.data : null,
    insights: ZInsights.parse(row.insights),
    provider: row.provider,
    model: row.model,
    providerLabel: providerLabel(row.provider, row.model),
    createdAt: row.createdAt,
  };
}
export type DigestView = ReturnType<typeof toDigestView>;
