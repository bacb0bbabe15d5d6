import { getBaseDb } from "../../db/client";

export async function isSuperAdmin(userId: string): Promise<boolean> {
  const user = await getBaseDb().user.findUnique({ where: { id: userId }, select: { isSuperAdmin: true } });
  return user?.isSuperAdmin === true;
}
