"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { signUpAction, type AuthFormState } from "@/app/[locale]/(auth)/actions";
import { Link } from "@/i18n/navigation";
import type { RegionId } from "@/lib/regions";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { RegionSelect } from "../ui/region-select";

type SignUpFormProps = {
  invite?: string;
  email?: string;
  /** The data regions offered for the new team, and the one preselected. */
  regions: readonly RegionId[];
  defaultRegion: RegionId;
};

/** With an invitation, the email is the invited one and no team of your own (nor its data region) is chosen. */
export function SignUpForm({ invite, email, regions, defaultRegion }: SignUpFormProps) {
  const t = useTranslations("auth");
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signUpAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      {invite ? <input type="hidden" name="invite" value={invite} /> : null}
      {state.error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-200">
          {state.error}
        </p>
      ) : null}
      <Field label={t("yourName")} name="name" autoComplete="name" required defaultValue={state.values?.name} error={state.fieldErrors?.name} />
      <Field
        label={t("workEmail")}
        name="email"
        type="email"
        autoComplete="email"
        required
        readOnly={Boolean(invite && email)}
        defaultValue={state.values?.email ?? email}
        error={state.fieldErrors?.email}
      />
      <Field
        label={t("password")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint={t("passwordHint")}
        error={state.fieldErrors?.password}
      />
      {invite ? null : (
        <>
          <Field label={t("teamNameOptional")} name="teamName" defaultValue={state.values?.teamName} error={state.fieldErrors?.teamName} />
          <RegionSelect
            key={state.values?.region ?? defaultRegion}
            regions={regions}
            defaultValue={state.values?.region ?? defaultRegion}
            error={state.fieldErrors?.region}
          />
        </>
      )}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("creatingAccount") : t("createAccount")}
      </Button>
      <p className="text-center text-sm text-slate-600 dark:text-slate-300">
        {t("haveAccount")}{" "}
        <Link href="/sign-in" className="font-medium text-brand-600 hover:underline">
          {t("signIn")}
        </Link>
      </p>
    </form>
  );
}
