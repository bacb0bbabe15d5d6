/**
 * Next calls register() once when the server process starts (next dev / next start).
 * First the configuration check (src/server/env.ts), so `next start` without the
 * start script also refuses to run on a missing or weak secret (one line per
 * problem, then exit 1) and `next dev` says which embedded defaults it filled.
 * The start script has already checked (and filled) the same environment, so for
 * its child this passes quietly.
 * Then the embedded job runner: it lives here so it shares the app's database pool —
 * with the embedded PGlite there is a single session, so a second process could not use it.
 */
export async function register(): Promise<void> {
  // The imports stay inside the branch so the edge bundle never includes server code.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { verifyEnvAtStartup } = await import("./server/env");
    verifyEnvAtStartup();
    const { startEmbeddedJobs } = await import("./server/jobs/runner/start");
    startEmbeddedJobs();
  }
}
