/**
 * Next calls register() once when the server process starts (next dev / next start).
 * The embedded job runner lives here so it shares the app's database pool — with the
 * embedded PGlite there is a single session, so a second process could not use it.
 */
export async function register(): Promise<void> {
  // The import stays inside the branch so the edge bundle never includes server code.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startEmbeddedJobs } = await import("./server/jobs/runner/start");
    startEmbeddedJobs();
  }
}
