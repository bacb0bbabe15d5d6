/**
 * Invoice money, isomorphic: the form's live preview and the server compute totals
 * with this one module, so what the user sees is what gets stored.
 *
 * Amounts are integer minor units of the invoice currency, as BigInt (an IDR total
 * passes 2^31 minor units at about 21 million rupiah, and 2^53 at 90 trillion).
 * Quantities are thousandths (quantityMilli), rates and discounts basis points.
 * Floats never touch an amount: decimal strings are parsed digit by digit.
 *
 * Rounding (half up, on non-negative values, at three points only):
 *   line amount = quantityMilli × unitPriceMinor / 1000
 *   discount    = subtotal × discountBps / 10 000           (on the subtotal)
 *   tax         = (subtotal − discount) × taxRateBps / 10 000
 *   total       = subtotal − discount + tax
 * The subtotal is the exact sum of the rounded line amounts.
 */

/** ISO 4217 minor-unit digits of the currencies an invoice may use. */
export const CURRENCY_DIGITS = {
  IDR: 2,
  USD: 2,
  EUR: 2,
  SGD: 2,
  MYR: 2,
  GBP: 2,
  AUD: 2,
  CNY: 2,
  HKD: 2,
  THB: 2,
  PHP: 2,
  INR: 2,
  CHF: 2,
  CAD: 2,
  NZD: 2,
  JPY: 0,
  KRW: 0,
  VND: 0,
  KWD: 3,
  BHD: 3,
} as const;

export type CurrencyCode = keyof typeof CURRENCY_DIGITS;
export const CURRENCIES = Object.keys(CURRENCY_DIGITS) as CurrencyCode[];

export function isCurrency(value: string): value is CurrencyCode {
  return Object.hasOwn(CURRENCY_DIGITS, value);
}

export function minorDigits(currency: CurrencyCode): number {
  return CURRENCY_DIGITS[currency];
}

/**
 * The largest amount stored anywhere on an invoice: well below PostgreSQL's bigint
 * (9.22 × 10^18), so a total (at most twice the subtotal at a 100% tax rate) fits.
 */
export const MAX_AMOUNT_MINOR = 10n ** 18n;

/** Quantities up to one million units, in thousandths (fits the Int column). */
export const MAX_QUANTITY_MILLI = 1_000_000_000;
export const MAX_BPS = 10_000;

/** n / d rounded half up, for n ≥ 0 and d > 0. */
export function divRoundHalfUp(n: bigint, d: bigint): bigint {
  if (n < 0n || d <= 0n) throw new RangeError("divRoundHalfUp expects n ≥ 0 and d > 0");
  return (2n * n + d) / (2n * d);
}

export function lineAmountMinor(quantityMilli: number, unitPriceMinor: bigint): bigint {
  return divRoundHalfUp(BigInt(quantityMilli) * unitPriceMinor, 1000n);
}

export type TotalsInput = {
  lines: ReadonlyArray<{ quantityMilli: number; unitPriceMinor: bigint }>;
  discountBps: number;
  taxRateBps: number;
};

export type InvoiceTotals = {
  lineAmountsMinor: bigint[];
  subtotalMinor: bigint;
  discountMinor: bigint;
  taxMinor: bigint;
  totalMinor: bigint;
};

export function computeInvoiceTotals(input: TotalsInput): InvoiceTotals {
  const lineAmountsMinor = input.lines.map((line) => lineAmountMinor(line.quantityMilli, line.unitPriceMinor));
  const subtotalMinor = lineAmountsMinor.reduce((sum, amount) => sum + amount, 0n);
  const discountMinor = divRoundHalfUp(subtotalMinor * BigInt(input.discountBps), 10_000n);
  const taxMinor = divRoundHalfUp((subtotalMinor - discountMinor) * BigInt(input.taxRateBps), 10_000n);
  return { lineAmountsMinor, subtotalMinor, discountMinor, taxMinor, totalMinor: subtotalMinor - discountMinor + taxMinor };
}

/** True when every amount of `totals` can be stored. */
export function totalsFit(totals: InvoiceTotals): boolean {
  return totals.totalMinor <= MAX_AMOUNT_MINOR && totals.subtotalMinor <= MAX_AMOUNT_MINOR;
}

export type DecimalParse<T> = { ok: true; value: T } | { ok: false; error: "format" | "precision" | "range" };

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * "1500000.50" → 150000050n for a 2-digit currency. Refuses (rather than rounds)
 * more decimals than the currency has; refuses signs, commas and exponents, since
 * "1.500,50" means different things in different locales.
 */
export function parseDecimalToMinor(text: string, digits: number): DecimalParse<bigint> {
  const match = DECIMAL.exec(text.trim());
  if (!match) return { ok: false, error: "format" };
  const whole = match[1] ?? "0";
  const fraction = match[2] ?? "";
  if (whole.length > 19) return { ok: false, error: "range" };
  if (fraction.replace(/0+$/, "").length > digits) return { ok: false, error: "precision" };
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt((fraction + "0".repeat(digits)).slice(0, digits) || "0");
  if (minor > MAX_AMOUNT_MINOR) return { ok: false, error: "range" };
  return { ok: true, value: minor };
}

/** "1.5" → 1500 (thousandths), up to three decimals, above zero and at most a million. */
export function parseQuantityToMilli(text: string): DecimalParse<number> {
  const match = DECIMAL.exec(text.trim());
  if (!match) return { ok: false, error: "format" };
  if ((match[1] ?? "").length > 7) return { ok: false, error: "range" };
  const parsed = parseDecimalToMinor(text, 3);
  if (!parsed.ok) return parsed;
  if (parsed.value <= 0n || parsed.value > BigInt(MAX_QUANTITY_MILLI)) return { ok: false, error: "range" };
  return { ok: true, value: Number(parsed.value) };
}

/** "11" or "12.5" (percent, up to two decimals, 0–100) → basis points. */
export function parsePercentToBps(text: string): DecimalParse<number> {
  const match = DECIMAL.exec(text.trim());
  if (!match) return { ok: false, error: "format" };
  if ((match[1] ?? "").length > 3) return { ok: false, error: "range" };
  const parsed = parseDecimalToMinor(text, 2);
  if (!parsed.ok) return parsed;
  if (parsed.value > BigInt(MAX_BPS)) return { ok: false, error: "range" };
  return { ok: true, value: Number(parsed.value) };
}

/** Minor units → plain decimal string with the currency's digits ("1500000.50"), for inputs and exports. */
export function formatMinor(minor: bigint, digits: number): string {
  const negative = minor < 0n;
  const abs = (negative ? -minor : minor).toString().padStart(digits + 1, "0");
  const whole = digits === 0 ? abs : abs.slice(0, -digits);
  const fraction = digits === 0 ? "" : `.${abs.slice(-digits)}`;
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

/** Thousandths → the shortest decimal string ("1.5"). */
export function formatQuantity(quantityMilli: number): string {
  return trimFraction(formatMinor(BigInt(quantityMilli), 3));
}

/** Basis points → percent without trailing zeros (1100 → "11", 1250 → "12.5"). */
export function formatBps(bps: number): string {
  return trimFraction(formatMinor(BigInt(bps), 2));
}

function trimFraction(text: string): string {
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}

/**
 * For display: "Rp 1.500.000,50" in Indonesian, "IDR 1,500,000.50" in English.
 * Intl formats the decimal string exactly (no float), with the ISO digits rather
 * than the locale's usual ones (Intl shows IDR without cents by default).
 */
export function formatMoney(minor: bigint, currency: CurrencyCode, locale: string): string {
  const digits = minorDigits(currency);
  const text = formatMinor(minor, digits) as `${number}`;
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    currencyDisplay: "code",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(text);
}
