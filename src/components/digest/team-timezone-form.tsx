"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { api } from "@/trpc/react";
import { Button } from "../ui/button";
import { Card } from "../ui/card";

const select = "block w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm dark:border-slate-600 dark:bg-slate-900";

/** The zones the server accepts (see team/update-settings.schema.ts): UTC plus what Intl knows. */
function timeZoneOptions(current: string | undefined): string[] {
  const zones = ["UTC", ...Intl.supportedValuesOf("timeZone")];
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}

/** The team's time zone: when its scheduled work (the 05:00 CEO digest) runs. */
export function TeamTimezoneForm({ canEdit }: { canEdit: boolean }) {
  const t = useTranslations("digest.timezone");
  const utils = api.useUtils();
  const schedule = api.digest.schedule.useQuery();
  const [choice, setChoice] = useState<string | null>(null);
  const save = api.team.updateSettings.useMutation({
    onSuccess: () => Promise.all([utils.digest.schedule.invalidate(), utils.digest.latest.invalidate()]),
  });
  const current = schedule.data?.timezone;
  const value = choice ?? current ?? "UTC";
  const options = useMemo(() => timeZoneOptions(current), [current]);

  return (
    <Card>
      <h2 className="mb-1 font-semibold">{t("title")}</h2>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-300">{t("hint", { hour: String(schedule.data?.hour ?? 5).padStart(2, "0") })}</p>
      <form
        className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({ timezone: value });
        }}
      >
        <div className="space-y-1">
          <label htmlFor="team-timezone" className="block text-sm font-medium text-slate-700 dark:text-slate-200">
            {t("label")}
          </label>
          <select
            id="team-timezone"
            name="timezone"
            className={select}
            value={value}
            disabled={!canEdit || schedule.isLoading}
            onChange={(event) => {
              setChoice(event.target.value);
              save.reset();
            }}
          >
            {options.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </div>
        {canEdit ? (
          <Button type="submit" disabled={save.isPending || value === current}>
            {save.isPending ? t("saving") : t("save")}
          </Button>
        ) : null}
      </form>
      {!canEdit ? <p className="mt-2 text-xs text-slate-500">{t("readOnly")}</p> : null}
      {save.error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {save.error.message}
        </p>
      ) : save.isSuccess ? (
        <p role="status" className="mt-2 text-sm text-green-700">
          {t("saved")}
        </p>
      ) : null}
    </Card>
  );
}
