"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { intentAction, inviteAction, saveProfileAction, type StepState } from "@/app/[locale]/onboarding/actions";
import { INTENTS } from "@/lib/onboarding";
import { Button } from "../ui/button";
import { Field } from "../ui/field";

function ErrorLine({ state }: { state: StepState }) {
  return state.error ? (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
      {state.error}
    </p>
  ) : null;
}

export function ProfileStep({ name }: { name: string | null }) {
  const t = useTranslations("onboarding");
  const [state, action, pending] = useActionState<StepState, FormData>(saveProfileAction, {});
  return (
    <form action={action} className="space-y-4">
      <ErrorLine state={state} />
      <Field label={t("yourName")} name="name" defaultValue={name ?? ""} required autoComplete="name" />
      <Button type="submit" disabled={pending}>
        {t("continue")}
      </Button>
    </form>
  );
}

export function InviteStep() {
  const t = useTranslations("onboarding");
  const [state, action, pending] = useActionState<StepState, FormData>(inviteAction, {});
  return (
    <form action={action} className="space-y-4">
      <ErrorLine state={state} />
      <label className="block text-sm font-medium">
        {t("teammateEmails")}
        <textarea name="emails" rows={3} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900" />
      </label>
      <Button type="submit" disabled={pending}>
        {t("continue")}
      </Button>
    </form>
  );
}

export function IntentStep() {
  const t = useTranslations("onboarding");
  const [state, action, pending] = useActionState<StepState, FormData>(intentAction, {});
  return (
    <form action={action} className="space-y-4">
      <ErrorLine state={state} />
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-medium">{t("intentQuestion")}</legend>
        {INTENTS.map((value) => (
          <label key={value} className="flex cursor-pointer gap-3 rounded-lg border border-slate-200 p-3 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50 dark:border-slate-700 dark:has-[:checked]:bg-slate-800">
            <input type="radio" name="intent" value={value} className="mt-1" required />
            <span>
              <span className="block font-medium">{t(`intents.${value}.label`)}</span>
              <span className="text-slate-600 dark:text-slate-300">{t(`intents.${value}.hint`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <Button type="submit" disabled={pending}>
        {t("finish")}
      </Button>
    </form>
  );
}
