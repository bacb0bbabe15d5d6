"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { signInAction, type AuthFormState } from "@/app/[locale]/(auth)/actions";
import { Link } from "@/i18n/navigation";
import { Button } from "../ui/button";
import { Field } from "../ui/field";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("auth");
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signInAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-200">
          {state.error}
        </p>
      ) : null}
      <Field label={t("email")} name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} error={state.fieldErrors?.email} />
      <Field label={t("password")} name="password" type="password" autoComplete="current-password" required error={state.fieldErrors?.password} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("signingIn") : t("signIn")}
      </Button>
      <p className="text-center text-sm text-slate-600 dark:text-slate-300">
        {t("newHere")}{" "}
        <Link href="/sign-up" className="font-medium text-brand-600 hover:underline">
          {t("createAnAccount")}
        </Link>
      </p>
    </form>
  );
}
