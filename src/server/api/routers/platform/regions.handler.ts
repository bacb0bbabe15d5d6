import { configuredRegions } from "@/server/db/tenancy/regions";

/** The data regions this installation offers, for the operators' region moves. */
export async function listOfferedRegions(): Promise<string[]> {
  return configuredRegions();
}
