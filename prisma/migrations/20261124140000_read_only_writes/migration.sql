-- A READ_ONLY team (its data is being moved between tiers) cannot have its rows
-- written by the application, whatever path the write takes: a tRPC mutation is
-- refused earlier with a message, but a background job, a webhook side effect or
-- a request that passed the check just before the lock must not slip a row into
-- the copy's source after it was verified (it would be lost at the switch).
--
-- The check reads no row column, so PostgreSQL evaluates it once per statement
-- (an InitPlan): a primary-key lookup in "Team", not a per-row cost. Only eb_app
-- is bound: the migration engine copies as the login role, and eb_platform only
-- reads. AuditLog is included: the audit trigger runs as the writer.
CREATE FUNCTION eb_team_writable() RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT NOT EXISTS (SELECT 1 FROM public."Team" t WHERE t.id = eb_current_team() AND t.status = 'READ_ONLY') $$;

DO $$
DECLARE
  table_name text;
BEGIN
  FOREACH table_name IN ARRAY ARRAY[
    'Project', 'ProjectMember', 'TaskColumn', 'Task', 'Label', 'TaskLabel', 'TaskComment', 'Notification',
    'AuditLog', 'Customer', 'Invoice', 'InvoiceLine', 'InvoiceRuleset', 'InvoiceNumberSequence', 'DomainEvent',
    'Document', 'DocumentChunk', 'ChatConversation', 'ChatMessage', 'CeoDigest'
  ] LOOP
    EXECUTE format('CREATE POLICY team_writable_insert ON %I AS RESTRICTIVE FOR INSERT TO eb_app WITH CHECK (eb_team_writable())', table_name);
    EXECUTE format('CREATE POLICY team_writable_update ON %I AS RESTRICTIVE FOR UPDATE TO eb_app USING (eb_team_writable())', table_name);
    EXECUTE format('CREATE POLICY team_writable_delete ON %I AS RESTRICTIVE FOR DELETE TO eb_app USING (eb_team_writable())', table_name);
  END LOOP;
END $$;
