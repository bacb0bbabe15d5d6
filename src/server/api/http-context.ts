import { readSession } from "../auth/session";
import { clientIpFrom } from "../security/rate-limit";
import { createInnerContext } from "./trpc";

/**
 * The context of a request that came in over HTTP (tRPC endpoint or RSC).
 * `rateLimited`: the tRPC endpoint's calls count against the rate limits; a
 * server component's calls belong to the page request and do not.
 */
export async function createHttpContext(headers: Headers, options: { rateLimited?: boolean } = {}) {
  return createInnerContext({
    session: await readSession(headers),
    expectedTeamId: headers.get("x-team-id"),
    locale: headers.get("x-locale") ?? /(?:^|;\s*)NEXT_LOCALE=(\w+)/.exec(headers.get("cookie") ?? "")?.[1],
    rateLimit: options.rateLimited ? { clientIp: clientIpFrom(headers) } : null,
  });
}
