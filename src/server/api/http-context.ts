import { auth } from "../auth";
import { createInnerContext } from "./trpc";

/** The context of a request that came in over HTTP (tRPC endpoint or RSC). */
export async function createHttpContext(headers: Headers) {
  const session = await auth();
  return createInnerContext({
    session: session?.user?.id ? { user: { ...session.user, id: session.user.id } } : null,
    requestId: headers.get("x-request-id"),
  });
}
