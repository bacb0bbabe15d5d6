"use client";

import { api } from "@/trpc/react";
import { Card } from "../ui/card";

const CHANNELS = [
  { value: "IN_APP", label: "In app" },
  { value: "EMAIL", label: "In app and email" },
  { value: "OFF", label: "Off" },
] as const;

export function NotificationSettings() {
  const utils = api.useUtils();
  const preferences = api.notification.preferences.useQuery();
  const update = api.notification.updatePreference.useMutation({ onSuccess: (data) => utils.notification.preferences.setData(undefined, data) });
  return (
    <Card>
      <h2 className="mb-4 font-semibold">How you are told</h2>
      {update.error ? (
        <p role="alert" className="mb-3 text-sm text-red-600">
          {update.error.message}
        </p>
      ) : null}
      <ul className="space-y-3">
        {(preferences.data ?? []).map((p) => (
          <li key={p.type} className="flex flex-wrap items-center justify-between gap-2 text-sm">
            <span>{p.label}</span>
            <select
              aria-label={p.label}
              className="rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-600 dark:bg-slate-900"
              value={p.channel}
              onChange={(event) => update.mutate({ type: p.type, channel: event.target.value as (typeof CHANNELS)[number]["value"] })}
            >
              {CHANNELS.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </li>
        ))}
      </ul>
    </Card>
  );
}
