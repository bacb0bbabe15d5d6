import { ValidationError } from "@/server/errors";
import { computeInvoiceTotals, minorDigits, parseDecimalToMinor, totalsFit, type CurrencyCode, type InvoiceTotals } from "./money";

/** A line as the API receives it: the unit price still a decimal string of the invoice currency. */
export type InvoiceLineInput = { description: string; quantityMilli: number; unitPrice: string };
export type InvoiceLineValues = { description: string; quantityMilli: number; unitPriceMinor: bigint };

// The format was checked by the input schema; what is left depends on the currency.
const PRECISION_MESSAGES: Record<number, string> = {
  0: "This currency has no decimals: enter a whole amount.",
  2: "Use at most 2 decimals for this currency.",
  3: "Use at most 3 decimals for this currency.",
};

/**
 * Unit prices to minor units of `currency`, with the error on the line's field
 * (lines.2.unitPrice) so the form shows it beside the input.
 */
export function parseInvoiceLines(lines: readonly InvoiceLineInput[], currency: CurrencyCode): InvoiceLineValues[] {
  const digits = minorDigits(currency);
  return lines.map((line, index) => {
    const parsed = parseDecimalToMinor(line.unitPrice, digits);
    if (!parsed.ok) {
      const field = `lines.${index}.unitPrice`;
      if (parsed.error === "precision") throw new ValidationError(PRECISION_MESSAGES[digits] ?? "Use fewer decimals for this currency.", field);
      if (parsed.error === "range") throw new ValidationError("This amount is too large.", field);
      throw new ValidationError("Enter the amount with digits and a dot for decimals, e.g. 1500000.50.", field);
    }
    return { description: line.description, quantityMilli: line.quantityMilli, unitPriceMinor: parsed.value };
  });
}

/** Totals the database can hold, or a clear refusal. */
export function totalsForStorage(input: { lines: readonly InvoiceLineValues[]; discountBps: number; taxRateBps: number }): InvoiceTotals {
  const totals = computeInvoiceTotals(input);
  if (!totalsFit(totals)) throw new ValidationError("The invoice total is too large to store.", "lines");
  return totals;
}
