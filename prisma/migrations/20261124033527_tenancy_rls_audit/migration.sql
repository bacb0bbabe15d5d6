-- Tenancy walls and audit trail. Hand-written: Prisma does not model roles,
-- row-level security or triggers. Adding a tenant model means adding it to
-- src/server/db/tenant-models.ts and giving its table the same statements as
-- "Project" below (RLS on and forced, the two policies, the audit trigger if
-- audited); a test checks every tenant table has them.

-- Two roles the application switches to (SET ROLE, src/server/db/context-pool.ts),
-- so the policies hold even when DATABASE_URL logs in as a superuser:
--   eb_app       everything tenant-scoped: sees only the rows of app.team_id;
--   eb_platform  the superadmin's cross-tenant client: sees every tenant.
-- Neither bypasses RLS (creating them needs no superuser). Roles are
-- cluster-wide: another database on the same server may have created them.
DO $$
DECLARE
  role_name text;
BEGIN
  FOREACH role_name IN ARRAY ARRAY['eb_app', 'eb_platform'] LOOP
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role_name) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT', role_name);
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END;
    -- Let the migrating user switch to the role (a no-op for a superuser).
    IF NOT pg_has_role(current_user, role_name, 'MEMBER') THEN
      EXECUTE format('GRANT %I TO %I', role_name, current_user);
    END IF;
  END LOOP;
END
$$;

GRANT USAGE ON SCHEMA public TO eb_app, eb_platform;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO eb_app, eb_platform;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO eb_app, eb_platform;
-- The migrations ledger is not the application's business (absent in a shadow database).
DO $$
BEGIN
  IF to_regclass('public._prisma_migrations') IS NOT NULL THEN
    REVOKE ALL ON TABLE "_prisma_migrations" FROM eb_app, eb_platform;
  END IF;
END
$$;
-- The audit trail is written only by the audit trigger (SECURITY DEFINER below):
-- the application can read it, never write, change or delete it.
REVOKE INSERT, UPDATE, DELETE ON TABLE "AuditLog" FROM eb_app, eb_platform;

-- The connection's tenant. current_setting(..., true) is NULL when the setting
-- was never made and '' once the session has seen it: both mean "no team", and
-- NULL makes every comparison below false (fail closed). STABLE SQL, so the
-- planner inlines it.
CREATE FUNCTION eb_current_team() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT NULLIF(current_setting('app.team_id', true), '') $$;

-- A new tenant row belongs to the connection's team unless the insert says
-- otherwise (the tenant client always says so); with no team it is refused
-- by NOT NULL.
ALTER TABLE "Project" ALTER COLUMN "teamId" SET DEFAULT eb_current_team();
ALTER TABLE "AuditLog" ALTER COLUMN "teamId" SET DEFAULT eb_current_team();

-- Row-level security. tenant_isolation: a row is visible and writable only when
-- its teamId is the connection's team; with none, nothing matches. Kept to one
-- plain equality on purpose: with the query's own "teamId" = $1, PostgreSQL
-- turns it into a one-time check and keeps the index scan, so the wall costs
-- almost nothing per query. platform_access adds every row for eb_platform.
-- FORCE: the policies bind the tables' owner too (a superuser still bypasses
-- them, which is why the app runs as eb_app).
ALTER TABLE "Project" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Project" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Project"
  USING ("teamId" = eb_current_team()) WITH CHECK ("teamId" = eb_current_team());
CREATE POLICY platform_access ON "Project" TO eb_platform
  USING (true) WITH CHECK (true);

ALTER TABLE "AuditLog" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AuditLog" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "AuditLog"
  USING ("teamId" = eb_current_team()) WITH CHECK ("teamId" = eb_current_team());
CREATE POLICY platform_access ON "AuditLog" FOR SELECT TO eb_platform
  USING (true);
-- The audit trigger runs as this migration's user (the owner), whatever the
-- team context, e.g. for a platform write.
CREATE POLICY audit_trigger_insert ON "AuditLog" FOR INSERT TO CURRENT_USER
  WITH CHECK (true);

-- The audit trigger: one AuditLog row per inserted, updated or deleted row of an
-- audited table, written by the same statement and so in the same transaction
-- (a failed write leaves no audit row). Actor and request come from the
-- connection's settings. SECURITY DEFINER because the application itself may
-- not insert audit rows; the row goes to the audited table's own schema, and
-- search_path is pinned so nothing can shadow the audit table.
CREATE FUNCTION eb_audit_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  old_row jsonb;
  new_row jsonb;
  row_id text;
  row_team text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    new_row := to_jsonb(NEW);
  ELSIF TG_OP = 'UPDATE' THEN
    old_row := to_jsonb(OLD);
    new_row := to_jsonb(NEW);
    IF old_row = new_row THEN
      RETURN NULL;
    END IF;
  ELSE
    old_row := to_jsonb(OLD);
  END IF;
  row_id := COALESCE(new_row, old_row) ->> 'id';
  row_team := COALESCE(new_row, old_row) ->> 'teamId';
  EXECUTE format(
    'INSERT INTO %I."AuditLog" ("id", "teamId", "actorId", "action", "model", "recordId", "oldValue", "newValue", "requestId", "createdAt") '
    'VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
    TG_TABLE_SCHEMA
  ) USING
    gen_random_uuid()::text,
    row_team,
    NULLIF(current_setting('app.actor_id', true), ''),
    lower(TG_OP),
    TG_TABLE_NAME,
    row_id,
    old_row,
    new_row,
    NULLIF(current_setting('app.request_id', true), ''),
    clock_timestamp();
  RETURN NULL;
END
$$;

CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON "Project"
  FOR EACH ROW EXECUTE FUNCTION eb_audit_row();
