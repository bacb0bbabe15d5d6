"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import { api } from "@/trpc/react";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";

export function NotificationsPage() {
  const t = useTranslations("notifications");
  const format = useFormatter();
  const utils = api.useUtils();
  const pages = api.notification.list.useInfiniteQuery({ limit: 20, unreadOnly: false }, { getNextPageParam: (last) => last.nextCursor ?? undefined });
  const markAll = api.notification.markAllRead.useMutation({ onSuccess: () => utils.notification.invalidate() });
  const markRead = api.notification.markRead.useMutation({ onSuccess: () => utils.notification.invalidate() });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <div className="flex gap-2">
          <Link href="/settings/notifications" className="rounded-md px-3 py-2 text-sm text-brand-600 hover:underline">
            {t("preferences")}
          </Link>
          <Button variant="secondary" onClick={() => markAll.mutate()} disabled={markAll.isPending}>
            {t("markAllRead")}
          </Button>
        </div>
      </div>
      {pages.isPending ? (
        <div className="h-32 animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800" aria-busy="true" />
      ) : items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-300">
          {t("empty")}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-700 dark:bg-slate-900" data-testid="notification-list">
          {items.map((n) => (
            <li key={n.id} className={cn("flex items-start justify-between gap-4 px-4 py-3 text-sm", !n.readAt && "bg-brand-50 dark:bg-slate-800/60")}>
              <div>
                <p className="font-medium">{n.link ? <Link href={n.link} className="hover:underline">{n.title}</Link> : n.title}</p>
                {n.body ? <p className="text-slate-600 dark:text-slate-300">{n.body}</p> : null}
                <p className="text-xs text-slate-500">{format.dateTime(n.createdAt, { dateStyle: "medium", timeStyle: "short" })}</p>
              </div>
              {!n.readAt ? (
                <Button variant="ghost" onClick={() => markRead.mutate({ ids: [n.id] })}>
                  {t("markRead")}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {pages.hasNextPage ? (
        <Button variant="secondary" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          {t("loadMore")}
        </Button>
      ) : null}
    </div>
  );
}
