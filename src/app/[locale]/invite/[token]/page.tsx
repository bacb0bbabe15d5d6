import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { AcceptInvitationForm } from "@/components/auth/accept-invitation-form";
import { Card } from "@/components/ui/card";
import { Link } from "@/i18n/navigation";
import { auth } from "@/server/auth";
import { findInvitationByToken } from "@/server/services/team/invitations";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("invite");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

const strong = (chunks: React.ReactNode) => <strong>{chunks}</strong>;

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, session, locale, t] = await Promise.all([findInvitationByToken(token), auth(), getLocale(), getTranslations("invite")]);
  // Sign-in follows the callback as is, so it carries the locale.
  const back = encodeURIComponent(`/${locale}/invite/${token}`);
  let body: React.ReactNode;
  if (!invitation) {
    body = <p>{t("invalid")}</p>;
  } else if (invitation.state !== "PENDING") {
    body = <p>{invitation.state === "EXPIRED" ? t("expired") : invitation.state === "ACCEPTED" ? t("alreadyUsed") : t("withdrawn")}</p>;
  } else if (!session?.user) {
    body = (
      <div className="space-y-3">
        <p>{t.rich("invited", { team: invitation.team.name, role: t(`roles.${invitation.role}`), strong })}</p>
        <Link href={`/sign-up?invite=${token}&email=${encodeURIComponent(invitation.email)}`} className="block rounded-md bg-brand-600 px-4 py-2 text-center text-sm font-medium text-white hover:bg-brand-700">
          {t("createAccount")}
        </Link>
        <Link href={`/sign-in?callbackUrl=${back}`} className="block text-center text-sm text-brand-600 hover:underline">
          {t("haveAccount")}
        </Link>
      </div>
    );
  } else if (session.user.email?.toLowerCase() !== invitation.email.toLowerCase()) {
    body = <p>{t("wrongAccount", { invited: invitation.email, current: session.user.email ?? "" })}</p>;
  } else {
    body = (
      <div className="space-y-3">
        <p>{t.rich("joinQuestion", { team: invitation.team.name, role: t(`roles.${invitation.role}`), strong })}</p>
        <AcceptInvitationForm token={token} />
      </div>
    );
  }
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <Card className="w-full max-w-md space-y-2 text-sm">
        <h1 className="text-xl font-semibold">{t("heading")}</h1>
        {body}
      </Card>
    </main>
  );
}
