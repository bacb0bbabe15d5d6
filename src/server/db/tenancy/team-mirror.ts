import { loginClient } from "./login-client";
import type { TeamStatus, TenantTier } from "../generated/client";
import { sameDatabase } from "./locations";
import { serverEnv } from "../../env";

/**
 * The tenant tables' restrictive write policies call eb_team_writable(), which
 * reads the team's status from public."Team" of the database the rows are in.
 * The control plane lives in the primary database only, so a database that holds
 * tenant rows elsewhere (an ISOLATED team's own database, a region's server)
 * keeps a mirror of the team's row: written when a tier move locks the team and
 * again when it is unlocked, so the READ_ONLY lock holds in that database too.
 *
 * Raw SQL on purpose: the mirror is written on a connection to another database
 * than the primary Prisma client's.
 */
export type MirroredTeam = { id: string; name: string; slug: string; tier: TenantTier; region: string; status: TeamStatus; statusReason: string | null };

export async function mirrorTeamRow(url: string, team: MirroredTeam): Promise<void> {
  if (sameDatabase(url, serverEnv().DATABASE_URL)) return;
  const client = loginClient(url, "ebos-team-mirror");
  await client.connect();
  try {
    await client.query(
      `INSERT INTO public."Team" (id, name, slug, tier, region, status, "statusReason", "updatedAt")
       VALUES ($1, $2, $3, $4::public."TenantTier", $5, $6::public."TeamStatus", $7, now())
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, slug = EXCLUDED.slug, tier = EXCLUDED.tier, region = EXCLUDED.region,
         status = EXCLUDED.status, "statusReason" = EXCLUDED."statusReason", "updatedAt" = now()`,
      [team.id, team.name, team.slug, team.tier, team.region, team.status, team.statusReason],
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
