import { getBaseDb } from "../../db/client";

/**
 * The embedded default's "inbox": what the outbox holds for an address. People
 * see mail sent to their own address; platform operators see all of it.
 */
export async function readMailbox(viewer: { email: string; isSuperAdmin: boolean }, limit = 50) {
  return getBaseDb().emailMessage.findMany({
    where: viewer.isSuperAdmin ? {} : { to: viewer.email },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, to: true, subject: true, text: true, status: true, kind: true, createdAt: true },
  });
}
