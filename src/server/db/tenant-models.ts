import type { RelationMap, RelationTarget } from "./tenant-scope";

/**
 * The tenant data plane: every model here has a `teamId` column, is scoped by the
 * tenant client extension, and has a row-level-security policy in its migration.
 * `relations` lists relation fields that point at other tenant models, so nested
 * writes (`project.create({ data: { tasks: { create: [...] } } })`) get the
 * team id too. A test compares this list with prisma/schema.prisma and with the
 * database's policies, so a new tenant model cannot be forgotten here.
 */
// Every relation between tenant models uses a composite (teamId, …) foreign key,
// so a row can never point at another team's row, and nested rows take their
// team from the parent (inheritsTeam).
const inherits = (model: string) => ({ model, inheritsTeam: true }) as const;

export const TENANT_MODELS = {
  Project: { relations: { members: inherits("ProjectMember"), tasks: inherits("Task") } },
  ProjectMember: { relations: {} },
  TaskColumn: { relations: { tasks: inherits("Task") } },
  Task: { relations: { labels: inherits("TaskLabel"), comments: inherits("TaskComment") } },
  Label: { relations: { tasks: inherits("TaskLabel") } },
  TaskLabel: { relations: {} },
  TaskComment: { relations: {} },
  Notification: { relations: {} },
  AuditLog: { relations: {} },
  Customer: { relations: { invoices: inherits("Invoice") } },
  Invoice: { relations: { lines: inherits("InvoiceLine") } },
  InvoiceLine: { relations: {} },
  InvoiceRuleset: { relations: {} },
  InvoiceNumberSequence: { relations: {} },
  DomainEvent: { relations: {} },
  Document: { relations: { chunks: inherits("DocumentChunk") } },
  DocumentChunk: { relations: {} },
  ChatConversation: { relations: { messages: inherits("ChatMessage") } },
  ChatMessage: { relations: {} },
  CeoDigest: { relations: {} },
} as const satisfies Record<string, { relations: Record<string, RelationTarget> }>;

/** model → (relation field → target tenant model), the shape scopeArgs walks. */
export const TENANT_RELATIONS: RelationMap = Object.fromEntries(
  Object.entries(TENANT_MODELS).map(([model, { relations }]) => [model, relations]),
);

export type TenantModelName = keyof typeof TENANT_MODELS;

/** Control-plane models that name a team but live in the primary database (no RLS, no tenant client). */
export const CONTROL_PLANE_MODELS_WITH_TEAM: ReadonlySet<string> = new Set([
  "Membership",
  "Invitation",
  "EmailMessage",
  "PlatformAuditLog",
  "AiUsageEvent",
  "JobRun",
  "Subscription",
  "BillingEvent",
  "RevenueEvent",
  "BillingInvoice",
  "MeterReport",
  "BillingNotice",
  "TenantMigration",
  "TenantSyncResult",
]);

/** Tenant models the application may read but never write (the database writes them). */
export const READ_ONLY_TENANT_MODELS: ReadonlySet<string> = new Set<TenantModelName>(["AuditLog"]);

/** Models whose rows the audit trigger records (see the migration that attaches it). */
export const AUDITED_MODELS: readonly TenantModelName[] = [
  "Project",
  "ProjectMember",
  "TaskColumn",
  "Task",
  "Label",
  "TaskComment",
  "Customer",
  "Invoice",
  "InvoiceLine",
  "InvoiceRuleset",
  "Document",
];

export function isTenantModel(model: string): model is TenantModelName {
  return Object.hasOwn(TENANT_MODELS, model);
}
