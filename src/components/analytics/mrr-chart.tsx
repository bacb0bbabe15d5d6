"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Bar, CartesianGrid, Cell, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Granularity } from "./format";
import { useCents, usePeriodLabel } from "./use-money";

type Point = { from: string; mrrCents: number; netNewCents: number };

/**
 * MRR at the end of each day or month (line, left axis) and the net new MRR that
 * moved it (bars, right axis: green when the period grew, red when it shrank).
 */
export function MrrChart({ series, granularity }: { series: readonly Point[]; granularity: Granularity }) {
  const t = useTranslations("analytics.platform.mrrChart");
  const format = useFormatter();
  const cents = useCents();
  const label = usePeriodLabel(granularity);
  const data = series.map((point) => ({ from: point.from, mrr: point.mrrCents / 100, netNew: point.netNewCents / 100, mrrCents: point.mrrCents, netNewCents: point.netNewCents }));
  const usdAxis = (value: number) => format.number(value, { style: "currency", currency: "USD", notation: "compact" });
  return (
    <figure aria-label={t("title")} className="space-y-2">
      <figcaption className="text-sm font-medium">{t("title")}</figcaption>
      <div className="h-72 w-full" data-testid="mrr-chart">
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 720, height: 288 }}>
          <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="from" tickFormatter={label} minTickGap={16} fontSize={12} />
            <YAxis yAxisId="mrr" fontSize={12} width={64} tickFormatter={usdAxis} />
            <YAxis yAxisId="netNew" orientation="right" fontSize={12} width={64} tickFormatter={usdAxis} />
            <Tooltip
              labelFormatter={(value) => (typeof value === "string" ? label(value) : String(value))}
              formatter={(value, name, item) => {
                const row = item.payload as (typeof data)[number] | undefined;
                if (row && name === t("mrr")) return cents(row.mrrCents);
                if (row && name === t("netNew")) return cents(row.netNewCents, { signed: true });
                return typeof value === "number" ? format.number(value) : String(value);
              }}
            />
            <Legend />
            <Bar yAxisId="netNew" dataKey="netNew" name={t("netNew")} fill="#86efac">
              {data.map((point) => (
                <Cell key={point.from} fill={point.netNewCents < 0 ? "#fca5a5" : "#86efac"} />
              ))}
            </Bar>
            <Line yAxisId="mrr" type="monotone" dataKey="mrr" name={t("mrr")} stroke="#2563eb" strokeWidth={2} dot={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
