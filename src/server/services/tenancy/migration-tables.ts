import type { TenantModelName } from "../../db/tenant-models";

/**
 * Every tenant table in the order the migration engine copies them: parents
 * before the children whose composite foreign keys point at them (cleaning runs
 * it backwards). A test checks it against TENANT_MODELS and the database's
 * foreign keys, so a new tenant table cannot be forgotten or misplaced.
 */
export const MIGRATION_TABLE_ORDER: readonly TenantModelName[] = [
  "Project",
  "ProjectMember",
  "TaskColumn",
  "Task",
  "Label",
  "TaskLabel",
  "TaskComment",
  "Notification",
  "AuditLog",
  "Customer",
  "Invoice",
  "InvoiceLine",
  "InvoiceRuleset",
  "InvoiceNumberSequence",
  "DomainEvent",
  "Document",
  "DocumentChunk",
  "ChatConversation",
  "ChatMessage",
  "CeoDigest",
];
