"use client";

import { useTranslations } from "next-intl";
import { Link, usePathname } from "@/i18n/navigation";
import type { Permission } from "@/lib/permissions";
import { cn } from "../ui/cn";

// `needs`: the link shows only to roles with that permission (the page checks it too).
const LINKS: ReadonlyArray<{ href: string; key: "overview" | "projects" | "invoices" | "documents" | "chat" | "aiUsage" | "analytics" | "notifications" | "settings"; needs?: Permission }> = [
  { href: "/dashboard", key: "overview" },
  { href: "/projects", key: "projects" },
  { href: "/invoices", key: "invoices", needs: "invoice:read" },
  { href: "/documents", key: "documents", needs: "document:read" },
  { href: "/chat", key: "chat", needs: "ai:use" },
  { href: "/ai-usage", key: "aiUsage", needs: "usage:read" },
  { href: "/analytics", key: "analytics", needs: "analytics:read" },
  { href: "/notifications", key: "notifications" },
  { href: "/settings/team", key: "settings" },
];

export function Sidebar({
  isSuperAdmin,
  showMailbox,
  permissions,
}: {
  isSuperAdmin: boolean;
  showMailbox: boolean;
  permissions: readonly Permission[];
}) {
  const t = useTranslations("shell");
  const pathname = usePathname();
  const links = [
    ...LINKS.filter((link) => !link.needs || permissions.includes(link.needs)),
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
