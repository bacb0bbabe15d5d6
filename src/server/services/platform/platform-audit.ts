import { getBaseDb } from "../../db/client";
import type { Prisma } from "../../db/generated/client";

export type PlatformAction = {
  actorId: string;
  action: string;
  requestId: string | null;
  teamId?: string | null;
  detail?: Prisma.InputJsonValue;
};

export async function recordPlatformAction(entry: PlatformAction): Promise<void> {
  await getBaseDb().platformAuditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      requestId: entry.requestId,
      teamId: entry.teamId ?? null,
      detail: entry.detail,
    },
    select: { id: true },
  });
}
