/**
 * Server entry to the invoice money rules. The implementation is isomorphic
 * (src/lib/invoices/money.ts) so the form's live preview computes exactly what the
 * server stores; the server never takes totals from the client.
 */
import { DomainError } from "@/server/errors";
import { isCurrency, type CurrencyCode } from "@/lib/invoices/money";

export {
  computeInvoiceTotals,
  CURRENCIES,
  formatMinor,
  isCurrency,
  lineAmountMinor,
  MAX_AMOUNT_MINOR,
  minorDigits,
  parseDecimalToMinor,
  parsePercentToBps,
  parseQuantityToMilli,
  totalsFit,
  type CurrencyCode,
  type InvoiceTotals,
} from "@/lib/invoices/money";

/** A currency read back from the database: written only after validation, so anything else is a bug. */
export function storedCurrency(code: string): CurrencyCode {
  if (!isCurrency(code)) throw new DomainError("INTERNAL", "An invoice has a currency this version does not know.");
  return code;
}
