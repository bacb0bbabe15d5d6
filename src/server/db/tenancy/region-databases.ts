import { applyPendingMigrations } from "../migrate";
import { configuredRegions, databaseUrlForRegion, regionHasOwnDatabase } from "./regions";

/**
 * Brings the database of every region with a server of its own
 * (DATABASE_URL_<REGION>) up to the migrations, like the primary one: its public
 * tables hold the region's SHARED teams and are the template of its tenant
 * schemas. Run at start-up (scripts/start.ts) and by schema sync.
 */
export async function migrateRegionDatabases(log: (line: string) => void = () => undefined): Promise<Array<{ region: string; applied: string[] }>> {
  const results: Array<{ region: string; applied: string[] }> = [];
  for (const region of configuredRegions().filter(regionHasOwnDatabase)) {
    const applied = await applyPendingMigrations(databaseUrlForRegion(region));
    log(`• Region ${region}: ${applied.length > 0 ? `${applied.length} migration(s) applied` : "database current"}.`);
    results.push({ region, applied });
  }
  return results;
}
