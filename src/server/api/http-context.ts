import { readSession } from "../auth/session";
import { createInnerContext } from "./trpc";

/** The context of a request that came in over HTTP (tRPC endpoint or RSC). */
export async function createHttpContext(headers: Headers) {
  return createInnerContext({
    session: await readSession(headers),
    expectedTeamId: headers.get("x-team-id"),
    locale: headers.get("x-locale") ?? /(?:^|;\s*)NEXT_LOCALE=(\w+)/.exec(headers.get("cookie") ?? "")?.[1],
  });
}
