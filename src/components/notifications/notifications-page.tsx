"use client";

import Link from "next/link";
import { api } from "@/trpc/react";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";

export function NotificationsPage() {
  const utils = api.useUtils();
  const pages = api.notification.list.useInfiniteQuery({ limit: 20, unreadOnly: false }, { getNextPageParam: (last) => last.nextCursor ?? undefined });
  const markAll = api.notification.markAllRead.useMutation({ onSuccess: () => utils.notification.invalidate() });
  const markRead = api.notification.markRead.useMutation({ onSuccess: () => utils.notification.invalidate() });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Notifications</h1>
        <div className="flex gap-2">
          <Link href="/settings/notifications" className="rounded-md px-3 py-2 text-sm text-brand-600 hover:underline">
            Preferences
          </Link>
          <Button variant="secondary" onClick={() => markAll.mutate()} disabled={markAll.isPending}>
            Mark all read
          </Button>
        </div>
      </div>
      {pages.isPending ? (
        <div className="h-32 animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800" aria-busy="true" />
      ) : items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-300">
          Nothing yet. You will be told here when you are added to a project, assigned a task or mentioned.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-700 dark:bg-slate-900" data-testid="notification-list">
          {items.map((n) => (
            <li key={n.id} className={cn("flex items-start justify-between gap-4 px-4 py-3 text-sm", !n.readAt && "bg-brand-50 dark:bg-slate-800/60")}>
              <div>
                <p className="font-medium">{n.link ? <Link href={n.link} className="hover:underline">{n.title}</Link> : n.title}</p>
                {n.body ? <p className="text-slate-600 dark:text-slate-300">{n.body}</p> : null}
                <p className="text-xs text-slate-500">{n.createdAt.toLocaleString()}</p>
              </div>
              {!n.readAt ? (
                <Button variant="ghost" onClick={() => markRead.mutate({ ids: [n.id] })}>
                  Mark read
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {pages.hasNextPage ? (
        <Button variant="secondary" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          Load more
        </Button>
      ) : null}
    </div>
  );
}
