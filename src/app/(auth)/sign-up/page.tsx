import type { Metadata } from "next";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Card } from "@/components/ui/card";

// OAuth buttons depend on the runtime configuration, not the build's.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Create your account" };

export default function SignUpPage() {
  return (
    <Card>
      <h1 className="mb-1 text-xl font-semibold">Create your account</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-300">You will be the owner of a new team.</p>
      <SignUpForm />
      <OAuthButtons callbackUrl="/dashboard" />
    </Card>
  );
}
