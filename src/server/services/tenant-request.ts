import type { TeamRole } from "@/lib/permissions";
import type { TenantClient } from "../db/tenant-client";

/** What a service needs from a team request: the tenant client and who is acting with which role. */
export type TenantRequest = {
  db: TenantClient;
  role: TeamRole;
  user: { id: string };
  team: { id: string };
};
