import { createCallerFactory, createTRPCRouter } from "./trpc";
import { platformRouter } from "./routers/platform/router";
import { projectRouter } from "./routers/project/router";
import { teamRouter } from "./routers/team/router";

/** One line per domain. */
export const appRouter = createTRPCRouter({
  project: projectRouter,
  team: teamRouter,
  platform: platformRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
