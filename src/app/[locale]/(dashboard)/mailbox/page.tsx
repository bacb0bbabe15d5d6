import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { auth } from "@/server/auth";
import { devMailboxEnabled, readMailbox } from "@/server/services/mail/dev-mailbox";
import { recordPlatformAction } from "@/server/services/platform/platform-audit";
import { configuredMailer } from "@/server/services/mail/mailer";
import { isSuperAdmin } from "@/server/services/platform/superadmin";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("mailbox");
  return { title: t("title") };
}

/** Links in mail text become clickable; nothing else is interpreted. */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s]+)/g);
  return (
    <p className="whitespace-pre-wrap">
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <a key={i} href={part} className="text-brand-600 underline">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </p>
  );
}

export default async function MailboxPage() {
  if (!devMailboxEnabled()) notFound();
  const [session, t, format] = await Promise.all([auth(), getTranslations("mailbox"), getFormatter()]);
  const email = session?.user?.email ?? "";
  const operator = session?.user?.id ? await isSuperAdmin(session.user.id) : false;
  // An operator reading everyone's mail is a cross-tenant read: it is recorded.
  if (operator && session?.user?.id) await recordPlatformAction({ actorId: session.user.id, action: "page:mailbox", requestId: null });
  const messages = await readMailbox({ email, isSuperAdmin: operator });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {configuredMailer() ? t("providerConfigured") : t("noProvider")} {operator ? t("operatorView") : t("ownView", { email })}
      </p>
      {messages.length === 0 ? (
        <p className="text-sm text-slate-500">{t("empty")}</p>
      ) : (
        <ul className="space-y-3" data-testid="mailbox">
          {messages.map((m) => (
            <li key={m.id}>
              <Card className="space-y-1 text-sm">
                <p className="font-semibold">{m.subject}</p>
                <p className="text-xs text-slate-500">
                  {t("details", {
                    to: m.to,
                    kind: m.kind,
                    status: t(`statuses.${m.status}`),
                    date: format.dateTime(m.createdAt, { dateStyle: "medium", timeStyle: "short" }),
                  })}
                </p>
                <Linkified text={m.text} />
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
