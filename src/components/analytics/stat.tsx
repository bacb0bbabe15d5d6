import { cn } from "../ui/cn";

/** One number of the dashboard, with an optional note under it. */
export function Stat({ label, value, note, tone = "plain", testId }: { label: string; value: string; note?: string; tone?: "plain" | "good" | "bad"; testId?: string }) {
  return (
    <div
      data-testid={testId}
      className={cn(
        "rounded-lg border p-4",
        tone === "bad" ? "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950/40" : "border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900",
      )}
    >
      <dt className="text-xs text-slate-600 dark:text-slate-300">{label}</dt>
      <dd className={cn("mt-1 text-lg font-semibold tabular-nums", tone === "bad" && "text-red-700 dark:text-red-300", tone === "good" && "text-green-700 dark:text-green-300")}>
        {value}
      </dd>
      {note ? <dd className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{note}</dd> : null}
    </div>
  );
}
