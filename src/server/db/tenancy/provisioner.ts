/**
 * Creating and removing the storage of a team that does not live in the shared
 * tables. One interface, so a hosted provider (e.g. Neon's API creating a
 * database) can sit beside the PostgreSQL implementation.
 */
export type ProvisionTarget = {
  teamId: string;
  /** The team's data-residency region; picks the database server. */
  region: string;
  tier: "SCHEMA" | "ISOLATED";
};

export type ProvisionResult = {
  /** Where the team's data now lives: the schema name, or the database name. */
  location: string;
  /** The DDL statements this call ran; empty when the storage was already complete. */
  actions: string[];
};

export type TenantProvisioner = {
  /** Creates the storage, or completes a half-made one. Idempotent, one transaction. */
  provision(target: ProvisionTarget): Promise<ProvisionResult>;
  /** Drops the storage and every row in it. A no-op when it does not exist. */
  deprovision(target: ProvisionTarget): Promise<void>;
};
