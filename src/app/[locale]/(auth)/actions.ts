"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { safeCallbackUrl } from "@/lib/safe-redirect";
import { signIn, signOut } from "@/server/auth";
import { SignInThrottledError } from "@/server/auth/sign-in-throttled";
import { ConflictError, DomainError } from "@/server/errors";
import { SignUpThrottledError } from "@/server/security/brute-force";
import { limit } from "@/server/security/rate-limit";
import { clientIpFrom } from "@/server/security/rate-limit/identity";
import { signUp } from "@/server/services/account/sign-up";
import { ZSignInInput, ZSignUpInput } from "@/server/services/account/sign-up.schema";
import { parseLocale, translateMessage, translateValidationMessage } from "@/server/i18n/translate";

export type AuthFormState = {
  error?: string;
  fieldErrors?: Record<string, string | undefined>;
  values?: Record<string, string>;
};

function minutesOf(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

function text(formData: FormData, key: string): string {
  const value = formData.get(key);
  return typeof value === "string" ? value : "";
}

/** The first message per field, in the visitor's language (the server's message catalog). */
function firstErrors(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>, locale: string) {
  const out: Record<string, string | undefined> = {};
  for (const issue of issues) {
    out[String(issue.path[0] ?? "_")] ??= translateValidationMessage(parseLocale(locale), issue.message);
  }
  return out;
}

export async function signInAction(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const [t, locale] = await Promise.all([getTranslations("auth"), getLocale()]);
  const email = text(formData, "email");
  const parsed = ZSignInInput.safeParse({ email, password: text(formData, "password") });
  if (!parsed.success) return { fieldErrors: firstErrors(parsed.error.issues, locale), values: { email } };
  // Every attempt counts here (the brute-force guard counts failures): a strict limit per address.
  const rate = await limit("auth", { kind: "ip", value: clientIpFrom(await headers()) });
  if (!rate.success) return { error: t("tooManyAttempts", { minutes: minutesOf(rate.retryAfterSeconds) }), values: { email } };
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallbackUrl(formData.get("callbackUrl"), `/${locale}/dashboard`),
    });
  } catch (error) {
    // signIn redirects by throwing; only Auth.js's own errors are failures here.
    // Locked (too many failures): the same for an existing account and an unknown email.
    if (error instanceof SignInThrottledError) {
      return { error: t("tooManyAttempts", { minutes: minutesOf(error.retryAfterSeconds) }), values: { email } };
    }
    // Same message for an unknown email and a wrong password: no account enumeration.
    if (error instanceof AuthError) return { error: t("invalidCredentials"), values: { email } };
    throw error;
  }
  return {};
}

export async function signUpAction(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const [t, locale] = await Promise.all([getTranslations("auth"), getLocale()]);
  const values = {
    name: text(formData, "name"),
    email: text(formData, "email"),
    teamName: text(formData, "teamName"),
    region: text(formData, "region"),
  };
  const parsed = ZSignUpInput.safeParse({ ...values, region: values.region || undefined, password: text(formData, "password") });
  if (!parsed.success) return { fieldErrors: firstErrors(parsed.error.issues, locale), values };
  const invite = formData.get("invite");
  const clientIp = clientIpFrom(await headers());
  const rate = await limit("auth", { kind: "ip", value: clientIp });
  if (!rate.success) return { error: t("tooManySignUps", { minutes: minutesOf(rate.retryAfterSeconds) }), values };
  try {
    await signUp(parsed.data, { invitationToken: typeof invite === "string" && invite ? invite : undefined, clientIp });
  } catch (error) {
    if (error instanceof SignUpThrottledError) {
      return { error: t("tooManySignUps", { minutes: minutesOf(error.retryAfterSeconds) }), values };
    }
    if (error instanceof ConflictError) return { error: t("validation.signUpRefused"), values };
    // A data region this installation does not offer: shown beside the select, nothing was created.
    if (error instanceof DomainError && error.field === "region") {
      return { fieldErrors: { region: translateMessage(parseLocale(locale), error.template.template, error.template.values) }, values };
    }
    throw error;
  }
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: `/${locale}/onboarding` });
  } catch (error) {
    if (error instanceof AuthError) return { error: t("signInAfterSignUpFailed"), values };
    throw error;
  }
  return {};
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: `/${await getLocale()}/sign-in` });
}
