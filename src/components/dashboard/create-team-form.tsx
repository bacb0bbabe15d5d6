"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { createTeamAction, type CreateTeamState } from "@/app/[locale]/(dashboard)/actions";
import type { RegionId } from "@/lib/regions";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { RegionSelect } from "../ui/region-select";

/** `regions`: the data regions this installation offers for the new team; `defaultRegion` is preselected. */
export function CreateTeamForm({ regions, defaultRegion }: { regions: readonly RegionId[]; defaultRegion: RegionId }) {
  const t = useTranslations("shell");
  const [state, action, pending] = useActionState<CreateTeamState, FormData>(createTeamAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <Field label={t("teamName")} name="name" required defaultValue={state.name} error={state.error} />
      <RegionSelect
        key={state.region || defaultRegion}
        regions={regions}
        defaultValue={state.region || defaultRegion}
        error={state.regionError}
      />
      <Button type="submit" disabled={pending}>
        {pending ? t("creatingTeam") : t("createTeam")}
      </Button>
    </form>
  );
}
