import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitationForm } from "@/components/auth/accept-invitation-form";
import { Card } from "@/components/ui/card";
import { auth } from "@/server/auth";
import { findInvitationByToken } from "@/server/services/team/invitations";

export const metadata: Metadata = { title: "Invitation" };
export const dynamic = "force-dynamic";

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, session] = await Promise.all([findInvitationByToken(token), auth()]);
  const back = encodeURIComponent(`/invite/${token}`);
  let body: React.ReactNode;
  if (!invitation) {
    body = <p>This invitation link is not valid. Ask the person who invited you for a new one.</p>;
  } else if (invitation.state !== "PENDING") {
    body = (
      <p>
        {invitation.state === "EXPIRED"
          ? "This invitation has expired. Ask for a new one."
          : invitation.state === "ACCEPTED"
            ? "This invitation was already used."
            : "This invitation was withdrawn."}
      </p>
    );
  } else if (!session?.user) {
    body = (
      <div className="space-y-3">
        <p>
          You are invited to join <strong>{invitation.team.name}</strong> as {invitation.role.toLowerCase()}.
        </p>
        <Link href={`/sign-up?invite=${token}&email=${encodeURIComponent(invitation.email)}`} className="block rounded-md bg-brand-600 px-4 py-2 text-center text-sm font-medium text-white hover:bg-brand-700">
          Create your account
        </Link>
        <Link href={`/sign-in?callbackUrl=${back}`} className="block text-center text-sm text-brand-600 hover:underline">
          I already have an account
        </Link>
      </div>
    );
  } else if (session.user.email?.toLowerCase() !== invitation.email.toLowerCase()) {
    body = (
      <p>
        This invitation is for {invitation.email}, but you are signed in as {session.user.email}. Sign out and sign in with the invited address to accept it.
      </p>
    );
  } else {
    body = (
      <div className="space-y-3">
        <p>
          Join <strong>{invitation.team.name}</strong> as {invitation.role.toLowerCase()}?
        </p>
        <AcceptInvitationForm token={token} />
      </div>
    );
  }
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <Card className="w-full max-w-md space-y-2 text-sm">
        <h1 className="text-xl font-semibold">Team invitation</h1>
        {body}
      </Card>
    </main>
  );
}
