"use client";

import { useTranslations } from "next-intl";
import { Link, usePathname } from "@/i18n/navigation";
import { cn } from "../ui/cn";

const LINKS = [
  { href: "/dashboard", key: "overview" },
  { href: "/projects", key: "projects" },
  { href: "/invoices", key: "invoices" },
  { href: "/documents", key: "documents" },
  { href: "/chat", key: "chat" },
  { href: "/ai-usage", key: "aiUsage" },
  { href: "/notifications", key: "notifications" },
  { href: "/settings/team", key: "settings" },
] as const;

export function Sidebar({ isSuperAdmin, showMailbox }: { isSuperAdmin: boolean; showMailbox: boolean }) {
  const t = useTranslations("shell");
  const pathname = usePathname();
  const links = [
    ...LINKS,
    ...(showMailbox ? [{ href: "/mailbox", key: "mailbox" } as const] : []),
    ...(isSuperAdmin ? [{ href: "/platform", key: "platform" } as const] : []),
  ];
  return (
    <nav aria-label={t("mainNav")} className="flex gap-1 overflow-x-auto md:flex-col">
      {links.map((link) => {
        const active = pathname === link.href || pathname.startsWith(`${link.href.split("/").slice(0, 2).join("/")}/`);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "shrink-0 rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800",
              active && "bg-slate-200 dark:bg-slate-800",
            )}
          >
            {t(`nav.${link.key}`)}
          </Link>
        );
      })}
    </nav>
  );
}
