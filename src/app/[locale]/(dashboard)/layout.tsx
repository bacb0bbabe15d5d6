import { getLocale, getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/[locale]/(auth)/actions";
import { FixPaymentLink } from "@/components/billing/fix-payment-link";
import { Sidebar } from "@/components/dashboard/sidebar";
import { TeamSwitcher } from "@/components/dashboard/team-switcher";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { LocaleSwitcher } from "@/components/theme/locale-switcher";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { Button } from "@/components/ui/button";
import { Link, redirect } from "@/i18n/navigation";
import { auth } from "@/server/auth";
import { onboardingState } from "@/server/services/account/onboarding";
import { devMailboxEnabled } from "@/server/services/mail/dev-mailbox";
import { isSuperAdmin } from "@/server/services/platform/superadmin";
import { TRPCReactProvider } from "@/trpc/react";
import { serverApi } from "@/trpc/server";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const [session, locale, t] = await Promise.all([auth(), getLocale(), getTranslations("shell")]);
  // An expired or forged session cookie got past the proxy's cookie check.
  if (!session?.user?.id) return redirect({ href: `/sign-in?callbackUrl=${encodeURIComponent(`/${locale}/dashboard`)}`, locale });
  // Unfinished onboarding resumes where it stopped.
  if ((await onboardingState(session.user.id)).status !== "done") return redirect({ href: "/onboarding", locale });
  const [current, teams, superAdmin] = await Promise.all([serverApi.team.current(), serverApi.team.list(), isSuperAdmin(session.user.id)]);
  return (
    <TRPCReactProvider key={`${session.user.id}:${current.team.id}`} teamId={current.team.id}>
      <div className="min-h-screen">
        <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
            <div className="flex flex-wrap items-center gap-3">
              <Link href="/dashboard" className="font-bold tracking-tight">
                EBOS
              </Link>
              <TeamSwitcher teams={teams} activeTeamId={current.team.id} />
              <Link href="/teams/new" className="text-sm font-medium text-brand-600 hover:underline">
                {t("newTeam")}
              </Link>
            </div>
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <NotificationBell />
              <LocaleSwitcher />
              <ThemeToggle />
              <span className="hidden text-slate-600 lg:inline dark:text-slate-300" data-testid="user-email">
                {session.user.email}
              </span>
              <form action={signOutAction}>
                <Button type="submit" variant="secondary">
                  {t("signOut")}
                </Button>
              </form>
            </div>
          </div>
        </header>
        {current.team.status !== "ACTIVE" ? (
          <div role="status" className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-900">
            {current.team.status === "SOFT_LOCKED" ? t("lockedBanner") : t("readOnlyBanner")}
            {current.team.statusReason ? ` ${current.team.statusReason}` : ""}
            {current.team.status === "SOFT_LOCKED" ? <FixPaymentLink canManageBilling={current.permissions.includes("billing:manage")} /> : null}
          </div>
        ) : null}
        <div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-6 md:flex-row">
          <aside className="md:w-48 md:shrink-0">
            <Sidebar isSuperAdmin={superAdmin} showMailbox={devMailboxEnabled()} permissions={current.permissions} />
          </aside>
          <main className="min-w-0 flex-1">{children}</main>
        </div>
      </div>
    </TRPCReactProvider>
  );
}
