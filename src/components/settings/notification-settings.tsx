"use client";

import { useTranslations } from "next-intl";
import type { NotificationChannel } from "@/lib/notification-types";
import { api } from "@/trpc/react";
import { Card } from "../ui/card";

const CHANNELS = ["IN_APP", "EMAIL", "OFF"] as const satisfies readonly NotificationChannel[];

export function NotificationSettings() {
  const t = useTranslations("settings");
  const utils = api.useUtils();
  const preferences = api.notification.preferences.useQuery();
  const update = api.notification.updatePreference.useMutation({ onSuccess: (data) => utils.notification.preferences.setData(undefined, data) });
  return (
    <Card>
      <h2 className="mb-4 font-semibold">{t("howYouAreTold")}</h2>
      {update.error ? (
        <p role="alert" className="mb-3 text-sm text-red-600">
          {update.error.message}
        </p>
      ) : null}
      <ul className="space-y-3">
        {(preferences.data ?? []).map((p) => (
          <li key={p.type} className="flex flex-wrap items-center justify-between gap-2 text-sm">
            <span>{t(`notificationTypes.${p.type}`)}</span>
            <select
              aria-label={t(`notificationTypes.${p.type}`)}
              className="rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-600 dark:bg-slate-900"
              value={p.channel}
              onChange={(event) => update.mutate({ type: p.type, channel: event.target.value as NotificationChannel })}
            >
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`channels.${c}`)}
                </option>
              ))}
            </select>
          </li>
        ))}
      </ul>
    </Card>
  );
}
