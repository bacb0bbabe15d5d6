"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { RouterOutputs } from "@/trpc/react";
import { microsToUsd } from "./format";
import { useUsd } from "./use-usd";

type Day = RouterOutputs["ai"]["usage"]["daily"][number];

/**
 * Daily AI cost against the plan's revenue for the same day (lines, left axis, USD)
 * with the tokens behind them (stacked bars, right axis): a day where the cost line
 * crosses the revenue line is a day the team cost more than it paid.
 */
export function UsageChart({ daily }: { daily: Day[] }) {
  const t = useTranslations("ai.usage.chart");
  const format = useFormatter();
  const usd = useUsd();
  const data = daily.map((day) => ({
    date: day.date,
    cost: microsToUsd(day.costMicros),
    revenue: microsToUsd(day.revenueMicros),
    costMicros: day.costMicros,
    revenueMicros: day.revenueMicros,
    tokensIn: day.inputTokens,
    tokensOut: day.outputTokens,
  }));
  const shortDate = (date: string) =>
    format.dateTime(new Date(`${date}T00:00:00Z`), { month: "short", day: "numeric", timeZone: "UTC" });
  const compact = (value: number) => format.number(value, { notation: "compact", maximumFractionDigits: 1 });
  const hasUsage = daily.some((day) => day.calls > 0);

  return (
    <figure aria-label={t("title")} className="space-y-2">
      <figcaption className="text-sm font-medium">{t("title")}</figcaption>
      {!hasUsage ? <p className="text-sm text-slate-600 dark:text-slate-300">{t("empty")}</p> : null}
      <div className="h-72 w-full" data-testid="usage-chart">
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 720, height: 288 }}>
          <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="date" tickFormatter={shortDate} minTickGap={16} fontSize={12} />
            <YAxis
              yAxisId="usd"
              fontSize={12}
              width={64}
              tickFormatter={(value: number) => format.number(value, { style: "currency", currency: "USD", notation: "compact" })}
            />
            <YAxis yAxisId="tokens" orientation="right" fontSize={12} width={48} tickFormatter={compact} />
            <Tooltip
              labelFormatter={(label) => (typeof label === "string" ? shortDate(label) : String(label))}
              formatter={(value, name, item) => {
                const row = item.payload as (typeof data)[number] | undefined;
                if (name === t("cost") && row) return usd(row.costMicros);
                if (name === t("revenue") && row) return usd(row.revenueMicros);
                return typeof value === "number" ? format.number(value) : String(value);
              }}
            />
            <Legend />
            <Bar yAxisId="tokens" dataKey="tokensIn" name={t("tokensIn")} stackId="tokens" fill="#cbd5e1" />
            <Bar yAxisId="tokens" dataKey="tokensOut" name={t("tokensOut")} stackId="tokens" fill="#94a3b8" />
            <Line yAxisId="usd" type="monotone" dataKey="revenue" name={t("revenue")} stroke="#16a34a" strokeWidth={2} dot={false} />
            <Line yAxisId="usd" type="monotone" dataKey="cost" name={t("cost")} stroke="#dc2626" strokeWidth={2} dot={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
