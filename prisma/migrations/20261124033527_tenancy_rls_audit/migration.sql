-- Tenancy walls and audit trail. Hand-written: Prisma does not model roles,
-- row-level security or triggers. Adding a tenant model means adding it to
-- src/server/db/tenant-models.ts and giving its table the same three statements
-- as "Project" below (RLS on, policy, and the audit trigger if audited); a test
-- checks every tenant table has them.

-- The role the application runs as (SET ROLE by src/server/db/context-pool.ts).
-- It does not bypass RLS, so the policies below hold even when DATABASE_URL
-- logs in as a superuser. Roles are cluster-wide: another database on the same
-- server may have created it already.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'eb_app') THEN
    CREATE ROLE eb_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;

-- Let the migrating user switch to the role (a no-op for a superuser).
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'eb_app', 'MEMBER') THEN
    EXECUTE format('GRANT eb_app TO %I', current_user);
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO eb_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO eb_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO eb_app;
-- The migrations ledger is not the application's business (absent in a shadow database).
DO $$
BEGIN
  IF to_regclass('public._prisma_migrations') IS NOT NULL THEN
    REVOKE ALL ON TABLE "_prisma_migrations" FROM eb_app;
  END IF;
END
$$;
-- The audit trail is written only by the audit trigger (SECURITY DEFINER below):
-- the application can read it, never write, change or delete it.
REVOKE INSERT, UPDATE, DELETE ON TABLE "AuditLog" FROM eb_app;

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

-- Row-level security: a tenant row is visible only when its teamId is the
-- connection's app.team_id; with none, no row matches and none can be written.
-- app.cross_tenant = 'on' is set only by the superadmin's system client. The
-- settings are read in sub-selects so PostgreSQL evaluates them once per query
-- (an InitPlan) instead of once per row.
-- FORCE: the policies bind the tables' owner too (a superuser still bypasses
-- them, which is why the app runs as eb_app).
ALTER TABLE "Project" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Project" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Project"
  USING ("teamId" = (SELECT eb_current_team()) OR (SELECT current_setting('app.cross_tenant', true)) = 'on')
  WITH CHECK ("teamId" = (SELECT eb_current_team()) OR (SELECT current_setting('app.cross_tenant', true)) = 'on');

ALTER TABLE "AuditLog" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AuditLog" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "AuditLog"
  USING ("teamId" = (SELECT eb_current_team()) OR (SELECT current_setting('app.cross_tenant', true)) = 'on')
  WITH CHECK ("teamId" = (SELECT eb_current_team()) OR (SELECT current_setting('app.cross_tenant', true)) = 'on');

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
