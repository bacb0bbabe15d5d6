-- The tier migration engine copies a team's rows between placements (public
-- tables ↔ schema tenant_<id>, src/server/db/tenancy/copy.ts). Those rows are
-- not new writes: their audit trail is copied with them (AuditLog is a tenant
-- table), so the audit trigger must not record the copy (nor the engine's
-- clean-up of a partial or old copy). The engine sets app.copying = 'on' for its
-- own transactions only (set_config(..., true)). Disabling the triggers instead
-- would be DDL taking locks on the shared public tables for every tenant, and
-- session_replication_role needs a superuser. Body otherwise identical to
-- 20261124033527_tenancy_rls_audit.
CREATE OR REPLACE FUNCTION eb_audit_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  old_row jsonb;
  new_row jsonb;
  row_id text;
  row_team text;
BEGIN
  IF current_setting('app.copying', true) = 'on' THEN
    RETURN NULL;
  END IF;
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
