import { getBaseDb } from "../db/client";

/**
 * Deletes expired verification tokens and database sessions (control plane).
 * Idempotent: running it twice, or after a crash, deletes nothing twice and
 * leaves nothing half-done (each delete is one statement).
 */
export async function cleanupExpiredTokens(now: Date = new Date()): Promise<{ verificationTokens: number; sessions: number }> {
  const db = getBaseDb();
  const [verificationTokens, sessions] = await Promise.all([
    db.verificationToken.deleteMany({ where: { expires: { lt: now } } }),
    db.session.deleteMany({ where: { expires: { lt: now } } }),
  ]);
  return { verificationTokens: verificationTokens.count, sessions: sessions.count };
}
