import { describe, expect, it } from "vitest";
import { withDbContext } from "./context";
import { BypassingRoleError } from "./context-pool";
import { createPool } from "./client";

describe("context pool", () => {
  it("refuses to run queries as a role that bypasses row-level security", async () => {
    // The test server logs in as a superuser: without SET ROLE the policies would not apply.
    const pool = createPool(process.env.DATABASE_URL ?? "", { max: 1, appRole: undefined });
    try {
      await expect(pool.query("SELECT 1")).rejects.toBeInstanceOf(BypassingRoleError);
    } finally {
      await pool.end();
    }
  });

  it("runs as the application role with the context's settings, and refreshes them when the context changes", async () => {
    const pool = createPool(process.env.DATABASE_URL ?? "", { max: 1, appRole: "eb_app" });
    const settings = () =>
      pool.query(
        "SELECT current_user AS role, current_setting('app.team_id', true) AS team, current_setting('app.actor_id', true) AS actor",
      );
    try {
      const first = await withDbContext({ teamId: "t1", crossTenant: false, actorId: "u1", requestId: "r1" }, settings);
      expect(first.rows[0]).toEqual({ role: "eb_app", team: "t1", actor: "" });
      // A write refreshes the actor; a read keeps whatever is there (reads do not audit).
      const write = await withDbContext({ teamId: "t1", crossTenant: false, actorId: "u1", requestId: "r1" }, () =>
        pool.query("WITH x AS (SELECT current_setting('app.actor_id', true) AS actor) SELECT actor FROM x"),
      );
      expect(write.rows[0]).toEqual({ actor: "u1" });
      const second = await withDbContext({ teamId: "t2", crossTenant: false, actorId: null, requestId: null }, settings);
      expect(second.rows[0]).toMatchObject({ role: "eb_app", team: "t2" });
      const none = await settings();
      expect(none.rows[0]).toMatchObject({ team: "" });
    } finally {
      await pool.end();
    }
  });
});
