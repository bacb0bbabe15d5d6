"use client";

import { useState } from "react";
import { Button } from "./button";
import { Field } from "./field";

export type DateRange = { from: string; to: string };

/**
 * From / to date inputs, an Apply button and preset ranges (this month, last 30
 * days, ...). The server checks the range; its per-field messages show under the
 * inputs. Labels come from the caller's namespace.
 */
export function DateRangeForm({
  initial,
  onApply,
  presets,
  labels,
  fieldErrors,
  busy = false,
}: {
  initial: DateRange;
  onApply: (range: DateRange) => void;
  presets: ReadonlyArray<{ key: string; label: string; range: () => DateRange }>;
  labels: { form: string; from: string; to: string; apply: string };
  fieldErrors: Record<string, string[] | undefined> | null | undefined;
  busy?: boolean;
}) {
  const [draft, setDraft] = useState<DateRange>(initial);
  return (
    <form
      aria-label={labels.form}
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(draft);
      }}
    >
      <Field
        type="date"
        label={labels.from}
        name="from"
        value={draft.from}
        max={draft.to || undefined}
        onChange={(event) => setDraft({ ...draft, from: event.target.value })}
        error={fieldErrors?.from?.[0]}
      />
      <Field
        type="date"
        label={labels.to}
        name="to"
        value={draft.to}
        min={draft.from || undefined}
        onChange={(event) => setDraft({ ...draft, to: event.target.value })}
        error={fieldErrors?.to?.[0]}
      />
      <Button type="submit" disabled={busy}>
        {labels.apply}
      </Button>
      <div className="flex flex-wrap gap-2">
        {presets.map((preset) => (
          <Button
            key={preset.key}
            variant="ghost"
            onClick={() => {
              const next = preset.range();
              setDraft(next);
              onApply(next);
            }}
          >
            {preset.label}
          </Button>
        ))}
      </div>
    </form>
  );
}
