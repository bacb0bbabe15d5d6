import type { Metadata } from "next";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Card } from "@/components/ui/card";

// OAuth buttons depend on the runtime configuration, not the build's.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Create your account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const invite = typeof params.invite === "string" && /^[A-Za-z0-9_-]{20,100}$/.test(params.invite) ? params.invite : undefined;
  const email = typeof params.email === "string" ? params.email.slice(0, 254) : undefined;
  return (
    <Card>
      <h1 className="mb-1 text-xl font-semibold">Create your account</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-300">
        {invite ? "You will join the team that invited you." : "You will be the owner of a new team."}
      </p>
      <SignUpForm invite={invite} email={email} />
      <OAuthButtons callbackUrl="/dashboard" />
    </Card>
  );
}
