import { describeError } from "../../log";
import { registeredJobs } from "../registry";
import { createJobRunner, defaultConcurrency, type JobRunner } from "./runner";
import { createJobScheduler, type JobScheduler } from "./scheduler";

/**
 * Starts the embedded runner and cron in this (the app server's) process. Called
 * from src/instrumentation.ts, which Next runs once when the server starts — under
 * `npm run dev`, `npm run demo`/`npm start` and the Playwright server alike (all go
 * through scripts/start.ts → next dev/start), but not during `next build` or vitest.
 *
 * Not started when:
 * - TRIGGER_SECRET_KEY is set: Trigger.dev runs the tasks in trigger/ (its own cron);
 * - JOB_RUNNER=off: e.g. a web-only replica, or tests that drive the runner directly.
 */
type EmbeddedJobs = { runner: JobRunner; scheduler: JobScheduler };
const globals = globalThis as typeof globalThis & { __ebosEmbeddedJobs?: EmbeddedJobs };

export type StartDecision = { start: true } | { start: false; reason: string };

export function shouldStartEmbeddedJobs(env: Readonly<Record<string, string | undefined>> = process.env): StartDecision {
  if (env.JOB_RUNNER?.trim().toLowerCase() === "off") return { start: false, reason: "JOB_RUNNER=off" };
  if (env.TRIGGER_SECRET_KEY?.trim()) return { start: false, reason: "TRIGGER_SECRET_KEY is set: jobs run on Trigger.dev" };
  if (env.NEXT_PHASE === "phase-production-build") return { start: false, reason: "next build" };
  if (env.VITEST) return { start: false, reason: "vitest" };
  return { start: true };
}

export function startEmbeddedJobs(): EmbeddedJobs | null {
  const decision = shouldStartEmbeddedJobs();
  if (!decision.start) {
    console.log(`• Job runner: not started (${decision.reason}).`);
    return null;
  }
  // Once per process, even if the hook runs again (dev server reloads).
  if (globals.__ebosEmbeddedJobs) return globals.__ebosEmbeddedJobs;
  const runner = createJobRunner({ jobs: registeredJobs() });
  const scheduler = createJobScheduler();
  globals.__ebosEmbeddedJobs = { runner, scheduler };
  runner.start();
  scheduler.start();
  console.log(`• Job runner: embedded, ${defaultConcurrency()} at a time (set TRIGGER_SECRET_KEY to use Trigger.dev).`);

  const shutdown = () => {
    scheduler.stop();
    runner.stop({ graceMs: 5_000 }).catch((error: unknown) => console.error(`[jobs] stop failed: ${describeError(error)}`));
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
  return globals.__ebosEmbeddedJobs;
}
