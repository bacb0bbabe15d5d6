"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { httpBatchLink, loggerLink, type TRPCLink } from "@trpc/client";
import { createTRPCReact } from "@trpc/react-query";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";
import { createQueryClient } from "./query-client";

/** The typed React hooks: `api.project.list.useQuery()`. */
export const api = createTRPCReact<AppRouter>();

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** The page's language (the [locale] layout sets <html lang>): error messages come back in it. */
function pageLocale(): string {
  return typeof document === "undefined" ? "en" : document.documentElement.lang || "en";
}

function httpLink(teamId: string | undefined): TRPCLink<AppRouter> {
  return httpBatchLink({
    transformer: superjson,
    url: `${typeof window === "undefined" ? "http://127.0.0.1:3000" : window.location.origin}/api/trpc`,
    maxItems: 10,
    // The team this page shows: the server refuses calls meant for a team that is
    // no longer the active one (switched in another tab).
    headers: () => ({ "x-trpc-source": "react", "x-locale": pageLocale(), ...(teamId ? { "x-team-id": teamId } : {}) }),
  });
}

/**
 * One cache per provider instance, never per browser tab: the dashboard keys the
 * provider by user and team, so after a sign-out, sign-in or team switch nothing
 * cached for the previous identity can be shown. `links` lets the demo mode swap
 * the HTTP link for a mocked one.
 */
export function TRPCReactProvider(props: { children: React.ReactNode; teamId?: string; links?: TRPCLink<AppRouter>[] }) {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(() =>
    api.createClient({
      links: props.links ?? [
        loggerLink({ enabled: (op) => process.env.NODE_ENV === "development" && op.direction === "down" && op.result instanceof Error }),
        httpLink(props.teamId),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <api.Provider client={trpcClient} queryClient={queryClient}>
        {props.children}
      </api.Provider>
    </QueryClientProvider>
  );
}
