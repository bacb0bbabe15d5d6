import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createHttpContext } from "@/server/api/http-context";
import { describeError } from "@/server/log";

const handler = (req: Request) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    // One HTTP request may not fan out into an unbounded number of calls.
    maxBatchSize: 10,
    createContext: () => createHttpContext(req.headers),
    onError({ error, path, ctx }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        // The input is never logged: it may hold passwords or personal data.
        console.error(`[trpc] ${path ?? "?"} failed (request ${ctx?.requestId ?? "?"}): ${describeError(error.cause ?? error)}`);
      }
    },
  });

export { handler as GET, handler as POST };
