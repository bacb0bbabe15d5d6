"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Link, useRouter } from "@/i18n/navigation";
import { safeCallbackUrl } from "@/lib/safe-redirect";
import { api } from "@/trpc/react";
import { cn } from "../ui/cn";

/** Unread badge and the latest notifications; new ones arrive by polling, without a reload. */
export function NotificationBell() {
  const t = useTranslations("notifications");
  const format = useFormatter();
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const utils = api.useUtils();
  const unread = api.notification.unreadCount.useQuery(undefined, { refetchInterval: 10_000 });
  const latest = api.notification.list.useQuery({ limit: 8, unreadOnly: false }, { enabled: open });
  const markRead = api.notification.markRead.useMutation({ onSuccess: () => utils.notification.invalidate() });
  const markAll = api.notification.markAllRead.useMutation({ onSuccess: () => utils.notification.invalidate() });
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (box.current && !box.current.contains(event.target as Node)) setOpen(false);
    };
    const escape = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", escape);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", escape);
    };
  }, [open]);

  const count = unread.data ?? 0;
  return (
    <div className="relative" ref={box}>
      <button
        type="button"
        aria-label={count > 0 ? t("bellUnread", { count }) : t("title")}
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
        className="relative rounded-md p-2 text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {count > 0 ? (
          <span data-testid="unread-badge" className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-semibold text-white">
            {count > 99 ? "99+" : count}
          </span>
        ) : null}
      </button>
      {open ? (
        <div className="absolute right-0 z-20 mt-2 w-80 rounded-lg border border-slate-200 bg-white shadow-lg dark:border-slate-700 dark:bg-slate-900">
          <div className="flex items-center justify-between border-b border-slate-100 px-4 py-2 text-sm dark:border-slate-800">
            <span className="font-semibold">{t("title")}</span>
            <button type="button" className="text-brand-600 hover:underline disabled:text-slate-400" disabled={count === 0} onClick={() => markAll.mutate()}>
              {t("markAllRead")}
            </button>
          </div>
          <ul className="max-h-96 overflow-y-auto">
            {(latest.data?.items ?? []).map((n) => (
              <li key={n.id}>
                <button
                  type="button"
                  className={cn("block w-full px-4 py-3 text-left text-sm hover:bg-slate-50 dark:hover:bg-slate-800", !n.readAt && "bg-brand-50 dark:bg-slate-800/70")}
                  onClick={() => {
                    if (!n.readAt) markRead.mutate({ ids: [n.id] });
                    setOpen(false);
                    // Only app paths are followed, whatever is stored.
                    if (n.link && safeCallbackUrl(n.link, "") === n.link) router.push(n.link);
                  }}
                >
                  <span className="block font-medium">{n.title}</span>
                  {n.body ? <span className="block truncate text-slate-600 dark:text-slate-300">{n.body}</span> : null}
                  <span className="block text-xs text-slate-500">{format.dateTime(n.createdAt, { dateStyle: "medium", timeStyle: "short" })}</span>
                </button>
              </li>
            ))}
            {latest.data && latest.data.items.length === 0 ? <li className="px-4 py-6 text-center text-sm text-slate-500">{t("allCaughtUp")}</li> : null}
          </ul>
          <Link href="/notifications" className="block border-t border-slate-100 px-4 py-2 text-center text-sm text-brand-600 hover:underline dark:border-slate-800" onClick={() => setOpen(false)}>
            {t("seeAll")}
          </Link>
        </div>
      ) : null}
    </div>
  );
}
