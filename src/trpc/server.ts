import "server-only";

import { createHydrationHelpers } from "@trpc/react-query/rsc";
import { cookies, headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { cache } from "react";
import { createCaller, type AppRouter } from "@/server/api/root";
import { createHttpContext } from "@/server/api/http-context";
import { createQueryClient } from "./query-client";

/** The server-side caller for React Server Components, with hydration into the client cache. */
const createContext = cache(async () => {
  const heads = new Headers(await headers());
  heads.set("x-trpc-source", "rsc");
  // cookies(), not the request's Cookie header: after a server action changed the
  // session (team switch), the page re-renders in the same request and only
  // cookies() already holds the new session cookie.
  const jar = await cookies();
  heads.set("cookie", jar.getAll().map((cookie) => `${cookie.name}=${cookie.value}`).join("; "));
  heads.set("x-locale", await getLocale());
  return createHttpContext(heads);
});

const getQueryClient = cache(createQueryClient);
const caller = createCaller(createContext);

export const { trpc: serverApi, HydrateClient } = createHydrationHelpers<AppRouter>(caller, getQueryClient);
