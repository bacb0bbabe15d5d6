"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { createTeamAction, type CreateTeamState } from "@/app/[locale]/(dashboard)/actions";
import { Button } from "../ui/button";
import { Field } from "../ui/field";

export function CreateTeamForm() {
  const t = useTranslations("shell");
  const [state, action, pending] = useActionState<CreateTeamState, FormData>(createTeamAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <Field label={t("teamName")} name="name" required defaultValue={state.name} error={state.error} />
      <Button type="submit" disabled={pending}>
        {pending ? t("creatingTeam") : t("createTeam")}
      </Button>
    </form>
  );
}
