"use server";

import { AuthError } from "next-auth";
import { safeCallbackUrl } from "@/lib/safe-redirect";
import { signIn, signOut } from "@/server/auth";
import { ConflictError } from "@/server/errors";
import { signUp } from "@/server/services/account/sign-up";
import { ZSignInInput, ZSignUpInput } from "@/server/services/account/sign-up.schema";

export type AuthFormState = {
  error?: string;
  fieldErrors?: Record<string, string | undefined>;
  values?: Record<string, string>;
};

/** Same message for an unknown email and a wrong password: no account enumeration. */
const INVALID_CREDENTIALS = "Invalid email or password.";

function text(formData: FormData, key: string): string {
  const value = formData.get(key);
  return typeof value === "string" ? value : "";
}

function firstErrors(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>) {
  const out: Record<string, string | undefined> = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? "_");
    out[key] ??= issue.message;
  }
  return out;
}

export async function signInAction(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const email = text(formData, "email");
  const parsed = ZSignInInput.safeParse({ email, password: text(formData, "password") });
  if (!parsed.success) return { fieldErrors: firstErrors(parsed.error.issues), values: { email } };
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallbackUrl(formData.get("callbackUrl")),
    });
  } catch (error) {
    // signIn redirects by throwing; only Auth.js's own errors are failures here.
    if (error instanceof AuthError) return { error: INVALID_CREDENTIALS, values: { email } };
    throw error;
  }
  return {};
}

export async function signUpAction(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const values = { name: text(formData, "name"), email: text(formData, "email"), teamName: text(formData, "teamName") };
  const parsed = ZSignUpInput.safeParse({ ...values, password: text(formData, "password") });
  if (!parsed.success) return { fieldErrors: firstErrors(parsed.error.issues), values };
  const invite = formData.get("invite");
  try {
    await signUp(parsed.data, { invitationToken: typeof invite === "string" && invite ? invite : undefined });
  } catch (error) {
    if (error instanceof ConflictError) return { error: error.message, values };
    throw error;
  }
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: "/onboarding" });
  } catch (error) {
    if (error instanceof AuthError) return { error: "Your account was created, but signing in failed. Please sign in.", values };
    throw error;
  }
  return {};
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
