import { Prisma } from "@/server/db/generated/client";
import type { TenantClient } from "@/server/db/tenant-client";
import { REQUIRABLE_FIELDS, type RequirableField } from "@/lib/invoices/precheck";

/**
 * The team's invoice SOP (one InvoiceRuleset row per team). A team that never
 * saved one gets the schema's defaults: VAT 11%, discount at most 20%, due within
 * 30 days, nothing extra required, no plain-language rules.
 */
export type InvoiceRules = {
  vatRateBps: number;
  maxDiscountBps: number;
  maxDueDays: number;
  requiredFields: RequirableField[];
  customRules: string[];
};

export const DEFAULT_INVOICE_RULES: InvoiceRules = {
  vatRateBps: 1100,
  maxDiscountBps: 2000,
  maxDueDays: 30,
  requiredFields: [],
  customRules: [],
};

const rulesSelect = {
  vatRateBps: true,
  maxDiscountBps: true,
  maxDueDays: true,
  requiredFields: true,
  customRules: true,
  updatedAt: true,
} as const;

function known(fields: readonly string[]): RequirableField[] {
  return REQUIRABLE_FIELDS.filter((field) => fields.includes(field));
}

export async function getInvoiceRules(db: TenantClient): Promise<InvoiceRules & { updatedAt: Date | null }> {
  const row = await db.invoiceRuleset.findFirst({ select: rulesSelect });
  if (!row) return { ...DEFAULT_INVOICE_RULES, updatedAt: null };
  return { ...row, requiredFields: known(row.requiredFields) };
}

/** Saves the whole ruleset (the editor always sends all of it). */
export async function saveInvoiceRules(
  db: TenantClient,
  rules: InvoiceRules,
  updatedById: string,
): Promise<InvoiceRules & { updatedAt: Date | null }> {
  const data = { ...rules, requiredFields: [...new Set(rules.requiredFields)], updatedById };
  const { count } = await db.invoiceRuleset.updateMany({ data });
  if (count === 0) {
    try {
      await db.invoiceRuleset.create({ data, select: { id: true } });
    } catch (error) {
      // Created by a concurrent first save: one row per team, so update that one.
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
      await db.invoiceRuleset.updateMany({ data });
    }
  }
  return getInvoiceRules(db);
}
