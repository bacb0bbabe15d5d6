"use client";

import { useFormatter } from "next-intl";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useUsd } from "../ai-usage/use-usd";
import { MICROS_PER_USD, type Granularity } from "./format";
import { usePeriodLabel } from "./use-money";

export type CostPoint = { from: string; incomeMicros: number; costMicros: number; tokens: number };

/**
 * AI token cost against income (the platform's prorated revenue, or what a team
 * paid) per day or month — lines on the left axis in USD — with the tokens
 * behind the cost as bars on the right axis. Where the cost line crosses the
 * income line, AI cost more than it brought.
 */
export function CostChart({
  points,
  granularity,
  labels,
  testId,
}: {
  points: readonly CostPoint[];
  granularity: Granularity;
  labels: { title: string; income: string; cost: string; tokens: string; empty: string };
  testId: string;
}) {
  const format = useFormatter();
  const usd = useUsd();
  const label = usePeriodLabel(granularity);
  const data = points.map((point) => ({
    ...point,
    income: point.incomeMicros / MICROS_PER_USD,
    cost: point.costMicros / MICROS_PER_USD,
  }));
  const hasUsage = points.some((point) => point.tokens > 0 || point.costMicros > 0);
  return (
    <figure aria-label={labels.title} className="space-y-2">
      <figcaption className="text-sm font-medium">{labels.title}</figcaption>
      {!hasUsage ? <p className="text-sm text-slate-600 dark:text-slate-300">{labels.empty}</p> : null}
      <div className="h-72 w-full" data-testid={testId}>
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 720, height: 288 }}>
          <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="from" tickFormatter={label} minTickGap={16} fontSize={12} />
            <YAxis
              yAxisId="usd"
              fontSize={12}
              width={64}
              tickFormatter={(value: number) => format.number(value, { style: "currency", currency: "USD", notation: "compact" })}
            />
            <YAxis
              yAxisId="tokens"
              orientation="right"
              fontSize={12}
              width={48}
              tickFormatter={(value: number) => format.number(value, { notation: "compact", maximumFractionDigits: 1 })}
            />
            <Tooltip
              labelFormatter={(value) => (typeof value === "string" ? label(value) : String(value))}
              formatter={(value, name, item) => {
                const row = item.payload as (typeof data)[number] | undefined;
                if (row && name === labels.income) return usd(row.incomeMicros);
                if (row && name === labels.cost) return usd(row.costMicros);
                return typeof value === "number" ? format.number(value) : String(value);
              }}
            />
            <Legend />
            <Bar yAxisId="tokens" dataKey="tokens" name={labels.tokens} fill="#cbd5e1" />
            <Line yAxisId="usd" type="monotone" dataKey="income" name={labels.income} stroke="#16a34a" strokeWidth={2} dot={false} />
            <Line yAxisId="usd" type="monotone" dataKey="cost" name={labels.cost} stroke="#dc2626" strokeWidth={2} dot={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
