import pg from "pg";
import { describeError } from "../../log";

/**
 * A connection of its own, as the login role, for the tenancy machinery
 * (provisioning, copies, sync, the team mirror). An idle pg.Client whose session
 * the server ends (a failover, DROP DATABASE … WITH (FORCE), pg_terminate_backend)
 * emits 'error'; without a listener that is an uncaught exception that kills the
 * process. Logged instead: the next query on it fails and its caller handles that.
 */
export function loginClient(url: string, applicationName: string): pg.Client {
  const client = new pg.Client({ connectionString: url, application_name: applicationName });
  client.on("error", (error) => {
    console.error(`[tenancy] ${applicationName}: connection lost: ${describeError(error)}`);
  });
  return client;
}
