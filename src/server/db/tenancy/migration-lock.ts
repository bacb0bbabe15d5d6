import type pg from "pg";

/**
 * The per-team lock of tier moves: a session-level advisory lock held by a run of
 * the migration engine for its whole length, and by the cleanup of a finished
 * move's source while it deletes, so a new move's fresh target (which is often the
 * old move's source) is never emptied or dropped under it.
 *
 * Raw SQL because advisory locks have no Prisma API; the lock belongs to the
 * connection that takes it, which the caller keeps open while it works.
 */
function lockKey(teamId: string): string {
  return `ebos:tier-migration:${teamId}`;
}

/** True when the lock was taken; false when another session holds it (nothing waits). */
export async function tryLockTierMigration(client: pg.Client, teamId: string): Promise<boolean> {
  const result = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok", [lockKey(teamId)]);
  return result.rows[0]?.ok === true;
}

export async function unlockTierMigration(client: pg.Client, teamId: string): Promise<void> {
  await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [lockKey(teamId)]);
}
