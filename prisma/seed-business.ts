/**
 * Demo business data per team: the invoice SOP, customers, invoices in every
 * state (so the list, the pre-check, the overdue job and the CEO digest have
 * something to show) and one handbook document queued for ingestion. Goes
 * through the same services as the app, so totals, numbers and events are real.
 */
import { getTenantDb } from "../src/server/db/get-tenant-db";
import { createInvoice, transitionInvoice, type InvoiceInput } from "../src/server/services/invoices/invoices";
import { saveInvoiceRules } from "../src/server/services/invoices/rules";
import { receiveUpload } from "../src/server/services/documents/upload";
import { getBaseDb } from "../src/server/db/client";
import { costMicros } from "../src/server/services/ai/config";

type DemoInvoice = Omit<InvoiceInput, "customerId" | "issueDate" | "dueDate"> & {
  customer: number;
  issuedDaysAgo: number;
  dueInDays: number;
  /** Transitions applied after creation, in order. */
  then?: Array<"send" | "markPaid">;
};

const HANDBOOK = `# Acme Corp Employee Handbook

## Working hours
Our core hours are 10:00 to 15:00 Jakarta time. Outside core hours you plan your own day.

## Leave
Every employee gets 18 days of paid annual leave per calendar year. Up to 5 unused days carry over to the next year and expire on 31 March.
Sick leave does not count against annual leave; from the third consecutive sick day we need a doctor's note.

## Expenses
Expenses up to 2,000,000 IDR are approved by your manager. Larger expenses need approval from finance before you spend the money.
Submit receipts within 30 days through the finance portal.

## Invoicing policy
Invoices carry 11% VAT. Discounts above 20% need written approval from the CFO. Payment terms are 30 days from the issue date.

## Security
Never share customer data outside the company. Report a lost laptop to IT within one hour.
`;

const DEMO: Record<string, { customers: Array<{ name: string; email: string; phone?: string; taxId?: string }>; invoices: DemoInvoice[]; handbook?: string }> = {
  "Acme Corp": {
    customers: [
      { name: "PT Nusantara Digital", email: "finance@nusantara.example", phone: "+62 21 555 0199", taxId: "01.234.567.8-901.000" },
      { name: "Bright Retail Ltd", email: "ap@brightretail.example" },
      { name: "Kopi Senja", email: "owner@kopisenja.example", phone: "0812-3456-7890" },
    ],
    invoices: [
      {
        customer: 0,
        currency: "IDR",
        taxRateBps: 1100,
        discountBps: 500,
        notes: "Website relaunch, phase 1.",
        lines: [
          { description: "Design sprint", quantityMilli: 1000, unitPrice: "45000000" },
          { description: "Frontend development (days)", quantityMilli: 12000, unitPrice: "6500000" },
        ],
        issuedDaysAgo: 20,
        dueInDays: 10,
        then: ["send", "markPaid"],
      },
      {
        customer: 1,
        currency: "USD",
        taxRateBps: 1100,
        discountBps: 0,
        notes: null,
        lines: [{ description: "Support retainer, October", quantityMilli: 1000, unitPrice: "2400.00" }],
        issuedDaysAgo: 40,
        dueInDays: -10,
        then: ["send"],
      },
      {
        customer: 2,
        currency: "IDR",
        taxRateBps: 1100,
        discountBps: 0,
        notes: null,
        lines: [{ description: "Menu photography", quantityMilli: 1000, unitPrice: "3500000" }],
        issuedDaysAgo: 3,
        dueInDays: 27,
        then: ["send"],
      },
      {
        customer: 2,
        currency: "IDR",
        // Breaks the SOP on purpose: the pre-check shows it.
        taxRateBps: 1000,
        discountBps: 3000,
        notes: "Draft: check before sending.",
        lines: [{ description: "Brand workshop", quantityMilli: 2000, unitPrice: "4000000" }],
        issuedDaysAgo: 0,
        dueInDays: 45,
      },
    ],
    handbook: HANDBOOK,
  },
  Globex: {
    customers: [{ name: "CV Gudang Jaya", email: "admin@gudangjaya.example" }],
    invoices: [
      {
        customer: 0,
        currency: "IDR",
        taxRateBps: 1100,
        discountBps: 0,
        notes: null,
        lines: [{ description: "Scanner rental (units)", quantityMilli: 8000, unitPrice: "750000" }],
        issuedDaysAgo: 5,
        dueInDays: 25,
        then: ["send"],
      },
    ],
  },
};

function isoDay(offsetDays: number): string {
  const day = new Date();
  day.setUTCDate(day.getUTCDate() + offsetDays);
  return day.toISOString().slice(0, 10);
}

export async function seedBusinessData(teamName: string, teamId: string, ownerId: string): Promise<void> {
  const demo = DEMO[teamName];
  if (!demo) return;
  const tenant = await getTenantDb(teamId, { actorId: ownerId, requestId: "seed" });
  await saveInvoiceRules(
    tenant,
    {
      vatRateBps: 1100,
      maxDiscountBps: 2000,
      maxDueDays: 30,
      requiredFields: ["notes"],
      customRules: ["Invoices above 100,000,000 IDR must mention the purchase order number in the notes."],
    },
    ownerId,
  );
  const customerIds: string[] = [];
  for (const customer of demo.customers) {
    customerIds.push((await tenant.customer.create({ data: customer, select: { id: true } })).id);
  }
  for (const invoice of demo.invoices) {
    const { customer, issuedDaysAgo, dueInDays, then, ...rest } = invoice;
    let created = await createInvoice(tenant, {
      ...rest,
      customerId: customerIds[customer] ?? "",
      issueDate: isoDay(-issuedDaysAgo),
      dueDate: isoDay(dueInDays),
      createdById: ownerId,
    });
    for (const action of then ?? []) {
      // Paid yesterday: the CEO digest reports the last complete day's revenue.
      const now = action === "markPaid" ? new Date(Date.now() - 24 * 60 * 60 * 1000) : new Date();
      created = await transitionInvoice(tenant, { id: created.id, expectedVersion: created.version, action, now });
    }
  }
  if (demo.handbook) {
    await receiveUpload(
      { db: tenant, role: "OWNER", user: { id: ownerId }, team: { id: teamId } },
      { fileName: "employee-handbook.md", declaredSize: Buffer.byteLength(demo.handbook), body: new Blob([demo.handbook]).stream() },
    );
  }
}

/**
 * A month of metered AI usage for the AI usage page, priced by the real price
 * table: most users stay well inside their share of the plan, one heavy user of
 * the Pro model costs more than they bring (the page flags them).
 */
export async function seedAiUsage(teamId: string, users: ReadonlyArray<{ id: string; heavy: boolean }>): Promise<void> {
  const rows = [];
  for (let daysAgo = 20; daysAgo >= 1; daysAgo--) {
    for (const [index, user] of users.entries()) {
      const calls = user.heavy ? 40 : 3 + ((daysAgo + index) % 4);
      const model = user.heavy ? "gemini-2.5-pro" : "gemini-2.5-flash";
      for (let call = 0; call < calls; call++) {
        const inputTokens = 4_000 + ((call * 397 + daysAgo * 131) % 3_000);
        const outputTokens = 500 + ((call * 89 + daysAgo * 53) % 600);
        rows.push({
          teamId,
          userId: user.id,
          feature: call % 5 === 0 ? "invoice-precheck" : "rag-answer",
          provider: "gemini",
          model,
          inputTokens,
          outputTokens,
          costMicros: costMicros(model, inputTokens, outputTokens),
          status: "ok",
          latencyMs: 900 + ((call * 37) % 1_500),
          createdAt: new Date(Date.now() - daysAgo * 24 * 60 * 60 * 1000 + call * 60_000),
        });
      }
    }
  }
  await getBaseDb().aiUsageEvent.createMany({ data: rows });
}
