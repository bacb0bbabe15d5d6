import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { InvoicesNoAccess } from "@/components/invoices/invoices-no-access";
import { PrintButton } from "@/components/invoices/print-button";
import { Link } from "@/i18n/navigation";
import { formatBps, formatMoney, formatQuantity, type CurrencyCode } from "@/lib/invoices/money";
import { serverApi } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("invoices.print");
  return { title: t("title") };
}

// Printing shows the invoice alone: the dashboard's header and navigation are
// hidden, colours are forced to black on white whatever the theme.
const PRINT_CSS = `
@media print {
  @page { size: A4; margin: 16mm; }
  body * { visibility: hidden !important; }
  #invoice-print, #invoice-print * { visibility: visible !important; }
  #invoice-print { position: absolute; left: 0; top: 0; width: 100%; margin: 0; padding: 0; border: 0; box-shadow: none; color: #000 !important; background: #fff !important; }
  #invoice-print * { color: #000 !important; background: transparent !important; border-color: #999 !important; }
}
`;

/** The invoice as a document: print it, or choose "Save as PDF" in the print dialog. */
export default async function InvoicePrintPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [current, t, tStatus, locale, format] = await Promise.all([
    serverApi.team.current(),
    getTranslations("invoices.print"),
    getTranslations("invoices.status"),
    getLocale(),
    getFormatter(),
  ]);
  if (!current.permissions.includes("invoice:read")) return <InvoicesNoAccess />;
  const invoice = await serverApi.invoice.get({ id }).catch(() => null);
  if (!invoice) notFound();
  const currency: CurrencyCode = invoice.currency;
  const money = (minor: bigint) => formatMoney(minor, currency, locale);
  const date = (value: string) => format.dateTime(new Date(`${value}T00:00:00Z`), { dateStyle: "long", timeZone: "UTC" });

  return (
    <div className="space-y-4">
      <style>{PRINT_CSS}</style>
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <Link href={`/invoices/${id}`} className="text-sm text-brand-600 hover:underline">
          ← {t("back")}
        </Link>
        <PrintButton />
      </div>
      <article
        id="invoice-print"
        data-testid="invoice-print"
        className="mx-auto max-w-3xl space-y-8 rounded-lg border border-slate-200 bg-white p-10 text-slate-900 shadow-sm"
      >
        <header className="flex flex-wrap items-start justify-between gap-6">
          <div>
            <p className="text-xs uppercase tracking-wide text-slate-500">{t("from")}</p>
            <p className="text-lg font-semibold">{current.team.name}</p>
          </div>
          <div className="text-right">
            <h1 className="text-2xl font-bold tracking-tight">{t("heading")}</h1>
            <p className="font-mono">{invoice.number}</p>
            {invoice.effectiveStatus !== "SENT" ? <p className="mt-1 text-sm font-semibold uppercase">{tStatus(invoice.effectiveStatus)}</p> : null}
          </div>
        </header>

        <section className="grid gap-6 sm:grid-cols-2">
          <div>
            <p className="text-xs uppercase tracking-wide text-slate-500">{t("billTo")}</p>
            <p className="font-semibold">{invoice.customer.name}</p>
            {invoice.customer.address ? <p className="whitespace-pre-line text-sm">{invoice.customer.address}</p> : null}
            {invoice.customer.email ? <p className="text-sm">{invoice.customer.email}</p> : null}
            {invoice.customer.phone ? <p className="text-sm">{invoice.customer.phone}</p> : null}
            {invoice.customer.taxId ? <p className="text-sm">{t("taxId", { taxId: invoice.customer.taxId })}</p> : null}
          </div>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm sm:justify-self-end">
            <dt className="text-slate-500">{t("issueDate")}</dt>
            <dd>{date(invoice.issueDate)}</dd>
            <dt className="text-slate-500">{t("dueDate")}</dt>
            <dd>{date(invoice.dueDate)}</dd>
            <dt className="text-slate-500">{t("currency")}</dt>
            <dd>{currency}</dd>
          </dl>
        </section>

        <table className="w-full text-sm">
          <thead>
            <tr className="border-b border-slate-300 text-left text-xs uppercase text-slate-500">
              <th className="py-2 pr-2">{t("description")}</th>
              <th className="py-2 pr-2 text-right">{t("quantity")}</th>
              <th className="py-2 pr-2 text-right">{t("unitPrice")}</th>
              <th className="py-2 text-right">{t("amount")}</th>
            </tr>
          </thead>
          <tbody>
            {invoice.lines.map((line) => (
              <tr key={line.id} className="border-b border-slate-100 align-top">
                <td className="py-2 pr-2">{line.description}</td>
                <td className="py-2 pr-2 text-right tabular-nums">{formatQuantity(line.quantityMilli)}</td>
                <td className="py-2 pr-2 text-right tabular-nums">{money(line.unitPriceMinor)}</td>
                <td className="py-2 text-right tabular-nums">{money(line.amountMinor)}</td>
              </tr>
            ))}
          </tbody>
        </table>

        <dl className="ml-auto grid max-w-xs grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-sm">
          <dt>{t("subtotal")}</dt>
          <dd className="text-right tabular-nums">{money(invoice.subtotalMinor)}</dd>
          {invoice.discountBps > 0 ? (
            <>
              <dt>{t("discount", { rate: formatBps(invoice.discountBps) })}</dt>
              <dd className="text-right tabular-nums">−{money(invoice.discountMinor)}</dd>
            </>
          ) : null}
          <dt>{t("tax", { rate: formatBps(invoice.taxRateBps) })}</dt>
          <dd className="text-right tabular-nums">{money(invoice.taxMinor)}</dd>
          <dt className="border-t border-slate-300 pt-1 font-bold">{t("total")}</dt>
          <dd className="border-t border-slate-300 pt-1 text-right font-bold tabular-nums" data-testid="print-total">
            {money(invoice.totalMinor)}
          </dd>
        </dl>

        {invoice.notes ? (
          <section>
            <p className="text-xs uppercase tracking-wide text-slate-500">{t("notes")}</p>
            <p className="whitespace-pre-line text-sm">{invoice.notes}</p>
          </section>
        ) : null}
      </article>
    </div>
  );
}
