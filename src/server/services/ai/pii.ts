/**
 * PII masking: personal data is replaced by placeholders before any text leaves the
 * server for a model, and put back into the model's answer afterwards.
 *
 *   "Call Budi at 0812-3456-7890" → "Call Budi at [REDACTED_PHONE_1]"
 *
 * Detected: emails, phone numbers (international and Indonesian, mobile and
 * landline), NIK (Indonesian national id), NPWP (Indonesian tax id), payment cards,
 * IBANs and IP addresses (v4 and v6). Every detector validates what it finds
 * (Luhn for cards, mod-97 for IBANs, the NIK's date and region structure, octet
 * ranges for IPs) so that amounts, dates, invoice numbers, years, quantities,
 * percentages and order ids stay readable for the model.
 *
 * The same value (character for character) always gets the same placeholder, so
 * the model can still tell "the same person" from "another person". Values are not
 * normalised before comparison ("0812-3456-7890" and "081234567890" get two
 * placeholders) because that is what keeps mask → unmask an exact identity.
 *
 * Pure and synchronous (no I/O): the gateway masks the question, the passages and
 * the history together with maskPIIMany so one numbering covers the whole prompt.
 */
import { isIPv6 } from "node:net";

export type PiiType = "EMAIL" | "PHONE" | "NID" | "NPWP" | "CARD" | "IBAN" | "IP";

export type PiiEntity = { type: PiiType; placeholder: string; value: string };

export const PII_TYPES: readonly PiiType[] = ["EMAIL", "PHONE", "NID", "NPWP", "CARD", "IBAN", "IP"];

/** A found value: where it is in its text and what it is. */
type Span = { start: number; end: number; type: PiiType };

/**
 * When two detectors claim overlapping text the higher priority wins (lower number),
 * then the longer match. Emails first (they contain digits that look like other
 * things), then the strongly validated structured ids, phones last: a phone pattern
 * is the loosest and must not split a card or an IBAN.
 */
const PRIORITY: Record<PiiType, number> = { EMAIL: 0, IBAN: 1, NPWP: 2, IP: 3, CARD: 4, NID: 4, PHONE: 5 };

// ---------------------------------------------------------------------------
// Emails

const EMAIL = /(?<![\w.%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])/g;

function findEmails(text: string): Span[] {
  return [...text.matchAll(EMAIL)].map((m) => ({ start: m.index, end: m.index + m[0].length, type: "EMAIL" as const }));
}

// ---------------------------------------------------------------------------
// IBANs: the country's registered length, then the ISO 13616 mod-97 check. Unknown
// country codes are not masked: without a length the check alone lets 1 in 97
// random strings through.

const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22,
  CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22,
  GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30,
  KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27,
  MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31,
  SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

export function ibanChecksumValid(compact: string): boolean {
  const rearranged = (compact.slice(4) + compact.slice(0, 4)).toUpperCase();
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const digits = code >= 65 && code <= 90 ? String(code - 55) : char;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

const IBAN_START = /(?<![A-Za-z0-9])([A-Za-z]{2})\d{2}/g;

function findIbans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(IBAN_START)) {
    const country = (m[1] ?? "").toUpperCase();
    const length = IBAN_LENGTHS[country];
    if (length === undefined) continue;
    // Walk the characters: alphanumerics count, a single space or dash may separate groups.
    let compact = "";
    let i = m.index;
    while (i < text.length && compact.length < length) {
      const char = text[i] ?? "";
      if (/[A-Za-z0-9]/.test(char)) {
        compact += char;
        i += 1;
      } else if ((char === " " || char === "-") && compact.length >= 4 && /[A-Za-z0-9]/.test(text[i + 1] ?? "")) {
        i += 1;
      } else break;
    }
    if (compact.length !== length || /[A-Za-z0-9]/.test(text[i] ?? "")) continue;
    if (!/^[A-Za-z]{2}\d{2}[A-Za-z0-9]+$/.test(compact) || !/\d{4}/.test(compact.slice(4))) continue;
    if (ibanChecksumValid(compact)) spans.push({ start: m.index, end: i, type: "IBAN" });
  }
  return spans;
}

// ---------------------------------------------------------------------------
// IP addresses. Octets above 255 or with leading zeros are not IPs (that excludes
// thousands-separated amounts like 1.500.000.000); a dotted number right after a
// currency sign is an amount, not an address.

const OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const IPV4 = new RegExp(`(?<![\\w.])(?:${OCTET}\\.){3}${OCTET}(?![\\w]|\\.\\d)`, "g");
const CURRENCY_BEFORE = /(?:\bRp\.?|\bIDR|\bUSD|\bEUR|\bSGD|[$€£¥])\s*$/i;

function findIpv4(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(IPV4)) {
    if (CURRENCY_BEFORE.test(text.slice(Math.max(0, m.index - 6), m.index))) continue;
    spans.push({ start: m.index, end: m.index + m[0].length, type: "IP" });
  }
  return spans;
}

// Candidates are maximal runs of hex digits, colons and dots with at least two
// colons; node's own parser decides (times like 10:30:00 are not addresses).
const IPV6_CANDIDATE = /(?<![\w:.])[0-9A-Fa-f:.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*/g;

function findIpv6(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(IPV6_CANDIDATE)) {
    let candidate = m[0];
    while (candidate.endsWith(".")) candidate = candidate.slice(0, -1);
    const end = m.index + candidate.length;
    if (/\w/.test(text[m.index + m[0].length] ?? "")) continue;
    if (!/[0-9A-Fa-f]/.test(candidate) || !isIPv6(candidate)) continue;
    spans.push({ start: m.index, end, type: "IP" });
  }
  return spans;
}

// ---------------------------------------------------------------------------
// NPWP in its printed form: 12.345.678.9-012.345 (15 digits), or the 16-digit form
// that prefixes a 0. The shape alone is distinctive; plain digit NPWPs are handled
// with the other long numbers below.

const NPWP_FORMATTED = /(?<![\w.,-])\d{2,3}\.\d{3}\.\d{3}\.\d[-.]\d{3}\.\d{3}(?![\w-]|[.,]\d)/g;

function findFormattedNpwp(text: string): Span[] {
  return [...text.matchAll(NPWP_FORMATTED)].map((m) => ({ start: m.index, end: m.index + m[0].length, type: "NPWP" as const }));
}

// ---------------------------------------------------------------------------
// Long numbers: payment cards, NIK and plain NPWP.
//
// A 16-digit number may be both a Luhn-valid card and a structurally valid NIK (Bali's
// province code 51 is also a Mastercard prefix; 5105105105105100 is both). The
// decision, in order:
//   1. a label right before the number wins: "NPWP: …" → NPWP, "NIK/KTP: …" → NID;
//   2. a valid card (issuer prefix + length + Luhn, printed bare or in card groups)
//      → CARD: the Luhn check is positive evidence a random number passes 1 time in
//      10, while the NIK carries no check digit at all;
//   3. a valid NIK structure (region codes, birth date) → NID;
//   4. a bare 15 digits → NPWP, and a bare 16 digits starting with 0 → NPWP (the
//      16-digit NPWP of organisations) — unless it starts with a date (YYYYMMDD…),
//      the usual shape of order and transaction ids.
// Either way the number is masked; only the label the model sees differs.

const NID_LABEL = /(?:\bNIK|\bKTP|\be-KTP|nomor induk kependudukan|national id(?:entity)?(?: card)?)(?:\s*(?:no\.?|nomor|number|#))?\s*[:#=.-]?\s*$/i;
const NPWP_LABEL = /(?:\bNPWP|\btax id)(?:\s*(?:no\.?|nomor|number|#))?\s*[:#=.-]?\s*$/i;

/** Issuer prefixes and the lengths each network issues (ISO/IEC 7812 IIN ranges). */
const CARD_NETWORKS: ReadonlyArray<{ prefix: RegExp; lengths: readonly number[] }> = [
  { prefix: /^4/, lengths: [13, 16, 19] }, // Visa
  { prefix: /^(?:5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, lengths: [16] }, // Mastercard
  { prefix: /^220[0-4]/, lengths: [16, 17, 18, 19] }, // Mir
  { prefix: /^3[47]/, lengths: [15] }, // American Express
  { prefix: /^(?:6011|64[4-9]|65)/, lengths: [16, 17, 18, 19] }, // Discover
  { prefix: /^35(?:2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19] }, // JCB
  { prefix: /^3(?:0[0-5]|[689])/, lengths: [14, 15, 16, 17, 18, 19] }, // Diners Club
  { prefix: /^62/, lengths: [16, 17, 18, 19] }, // UnionPay
  { prefix: /^(?:50|5[6-9]|6\d)/, lengths: [16, 17, 18, 19] }, // Maestro (its rare 12–15-digit cards look like order ids)
];

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** How cards are printed: 4-4-4-4(-3), Amex 4-6-5, Diners 4-6-4; or no grouping. */
function cardGrouping(groups: readonly number[]): boolean {
  if (groups.length === 1) return true;
  const shape = groups.join("-");
  return /^4-4-4-4(?:-[1-4])?$|^4-4-4-[1-4]$|^4-6-5$|^4-6-4$/.test(shape);
}

function isCard(digits: string, groups: readonly number[]): boolean {
  if (digits.length < 13 || digits.length > 19 || !cardGrouping(groups)) return false;
  const network = CARD_NETWORKS.some((n) => n.prefix.test(digits) && n.lengths.includes(digits.length));
  return network && luhnValid(digits);
}

/** Province codes in use (Kemendagri), 11 Aceh … 96 Papua Barat Daya. */
const NIK_PROVINCES = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76,
  81, 82, 91, 92, 93, 94, 95, 96,
]);
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * PP KK CC DDMMYY SSSS: province, regency, district, birth date (day + 40 for
 * women), serial. The century is not encoded, so 29 February is always accepted.
 */
export function nikStructureValid(digits: string): boolean {
  if (!/^\d{16}$/.test(digits)) return false;
  const part = (from: number, length: number) => Number(digits.slice(from, from + length));
  if (!NIK_PROVINCES.has(part(0, 2)) || part(2, 2) === 0 || part(4, 2) === 0) return false;
  const rawDay = part(6, 2);
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  const month = part(8, 2);
  if (month < 1 || month > 12 || day < 1) return false;
  if (day > (DAYS_IN_MONTH[month - 1] ?? 0)) return false;
  return part(12, 4) !== 0;
}

/** NIKs are written bare or as PPKKCC DDMMYY SSSS / 4-4-4-4. */
function nikGrouping(groups: readonly number[]): boolean {
  const shape = groups.join("-");
  return shape === "16" || shape === "6-6-4" || shape === "4-4-4-4" || shape === "2-2-2-6-4";
}

function startsWithDate(digits: string): boolean {
  const m = /^(19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/.exec(digits);
  return m !== null;
}

function classifyNumber(digits: string, groups: readonly number[], before: string): PiiType | null {
  const n = digits.length;
  const plain = groups.length === 1;
  if (NPWP_LABEL.test(before) && (n === 15 || n === 16)) return "NPWP";
  if (NID_LABEL.test(before) && n === 16) return "NID";
  if (isCard(digits, groups)) return "CARD";
  if (n === 16 && nikGrouping(groups) && nikStructureValid(digits)) return "NID";
  if (plain && !startsWithDate(digits) && (n === 15 || (n === 16 && digits.startsWith("0")))) return "NPWP";
  return null;
}

// Digit groups joined by single spaces or dashes. A run glued to a word, a "+", a
// "#" or a decimal/thousands separator is part of something else (INV-2026-0001,
// ORD-4111…, +62 …, 1.500.000, #1000…) and is left to the other detectors.
const DIGIT_RUN = /\d+(?:[ -]\d+)*/g;

function findLongNumbers(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(DIGIT_RUN)) {
    const prev = text[m.index - 1] ?? "";
    const prev2 = text[m.index - 2] ?? "";
    if (/[\w+#.,/@]/.test(prev) || (prev === "-" && /[\w]/.test(prev2))) continue;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 2);
    if (/^[A-Za-z_@]|^[.,/:]\d/.test(after)) continue;

    // The run may hold several values ("NIK 3201… 4111 1111 1111 1111"): try group
    // windows, longest first, and keep those that do not overlap a better one.
    const groupMatches = [...m[0].matchAll(/\d+/g)];
    const separators = new Set([...m[0].matchAll(/[ -]/g)].map((s) => s[0]));
    const taken: Array<[number, number]> = [];
    const windows: Array<{ from: number; to: number; length: number }> = [];
    for (let from = 0; from < groupMatches.length; from += 1) {
      let length = 0;
      for (let to = from; to < groupMatches.length; to += 1) {
        length += groupMatches[to]?.[0].length ?? 0;
        if (length > 19) break;
        if (length >= 13) windows.push({ from, to, length });
      }
    }
    windows.sort((a, b) => b.length - a.length || a.from - b.from);
    for (const window of windows) {
      if (taken.some(([from, to]) => window.from <= to && from <= window.to)) continue;
      const first = groupMatches[window.from];
      const last = groupMatches[window.to];
      if (!first || !last) continue;
      // Mixed separators (12-34 56…) are not how any of these ids are written.
      const slice = m[0].slice(first.index, last.index + last[0].length);
      if (separators.size > 1 && new Set(slice.match(/[ -]/g) ?? []).size > 1) continue;
      const groups = groupMatches.slice(window.from, window.to + 1).map((g) => g[0].length);
      const start = m.index + first.index;
      const type = classifyNumber(slice.replace(/[ -]/g, ""), groups, text.slice(Math.max(0, start - 40), start));
      if (!type) continue;
      taken.push([window.from, window.to]);
      spans.push({ start, end: start + slice.length, type });
    }
  }
  return spans;
}

// ---------------------------------------------------------------------------
// Phone numbers. Three shapes, each validated by its digit count after the match:
//   international  +CC … (8–15 digits, E.164), e.g. +62 812-3456-7890, +1 (415) 555-2671
//   Indonesian mobile  08xx / 62 8xx with spaces or dashes (10–13 / 11–14 digits)
//   Indonesian landline  (021) 555-1234, 0274-123456 — the area code must be set off
//     by parentheses or a separator, so a bare 0215551234 is not guessed at.
// Dots are not accepted as separators: "+1.500.000" is a change in an amount.

type PhoneShape = { pattern: RegExp; min: number; max: number };

const PHONE_SHAPES: readonly PhoneShape[] = [
  { pattern: /(?<![\w+])\+\d{1,3}(?:[ -]?\(\d{1,4}\))?(?:[ -]?\d{1,5}){1,6}(?!\w)/g, min: 8, max: 15 },
  { pattern: /(?<![\w+#.,/-])(?:0|62[ -]?)8\d{1,3}(?:[ -]?\d{2,5}){1,4}(?![\w]|[.,/]\d)/g, min: 10, max: 14 },
  {
    pattern: /(?<![\w+#.,/-])(?:\(0[2-79]\d{1,2}\)[ -]?|0[2-79]\d{1,2}[ -])\d{2,4}[ -]?\d{3,4}(?![\w]|[.,/]\d)/g,
    min: 9,
    max: 12,
  },
];

function digitCount(value: string): number {
  return value.replace(/\D/g, "").length;
}

function findPhones(text: string): Span[] {
  const spans: Span[] = [];
  for (const shape of PHONE_SHAPES) {
    for (const m of text.matchAll(shape.pattern)) {
      let value = m[0];
      // A year or a quantity after the number ("… 7890 2026") is not part of it.
      while (digitCount(value) > shape.max && /[ -]\d+$/.test(value)) value = value.replace(/[ -]\d+$/, "");
      const digits = value.replace(/\D/g, "");
      if (digits.length < shape.min || digits.length > shape.max) continue;
      if (shape.max === 14 && digits.startsWith("0") && digits.length > 13) continue;
      spans.push({ start: m.index, end: m.index + value.length, type: "PHONE" });
    }
  }
  return spans;
}

// ---------------------------------------------------------------------------

function detect(text: string): Span[] {
  const candidates = [
    ...findEmails(text),
    ...findIbans(text),
    ...findFormattedNpwp(text),
    ...findIpv6(text),
    ...findIpv4(text),
    ...findLongNumbers(text),
    ...findPhones(text),
  ].filter((span) => span.end > span.start);
  candidates.sort(
    (a, b) => PRIORITY[a.type] - PRIORITY[b.type] || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const accepted: Span[] = [];
  for (const span of candidates) {
    if (accepted.some((other) => span.start < other.end && other.start < span.end)) continue;
    accepted.push(span);
  }
  return accepted.sort((a, b) => a.start - b.start);
}

/** Finds the PII in one text, without masking it (for tests and diagnostics). */
export function findPII(text: string): Array<{ type: PiiType; value: string; start: number; end: number }> {
  return detect(text).map((span) => ({ ...span, value: text.slice(span.start, span.end) }));
}

const PLACEHOLDER = /\[REDACTED_(EMAIL|PHONE|NID|NPWP|CARD|IBAN|IP)_(\d+)\]/g;

/**
 * Masks several texts with one numbering: a value seen in the question and again in
 * a passage gets the same placeholder in both. Numbers already present as literal
 * placeholders in the input are skipped, so unmasking never rewrites text the user
 * typed.
 */
export function maskPIIMany(texts: readonly string[]): { masked: string[]; entities: PiiEntity[] } {
  const reserved = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(PLACEHOLDER)) reserved.add(m[0]);
  const byValue = new Map<string, PiiEntity>();
  const counters = new Map<PiiType, number>();
  const entities: PiiEntity[] = [];

  const placeholderFor = (type: PiiType, value: string): string => {
    const key = `${type}\u0000${value}`;
    const existing = byValue.get(key);
    if (existing) return existing.placeholder;
    let n = counters.get(type) ?? 0;
    let placeholder: string;
    do {
      n += 1;
      placeholder = `[REDACTED_${type}_${n}]`;
    } while (reserved.has(placeholder));
    counters.set(type, n);
    const entity: PiiEntity = { type, placeholder, value };
    byValue.set(key, entity);
    entities.push(entity);
    return placeholder;
  };

  const masked = texts.map((text) => {
    let out = "";
    let cursor = 0;
    for (const span of detect(text)) {
      out += text.slice(cursor, span.start) + placeholderFor(span.type, text.slice(span.start, span.end));
      cursor = span.end;
    }
    return out + text.slice(cursor);
  });
  return { masked, entities };
}

export function maskPII(text: string): { masked: string; entities: PiiEntity[] } {
  const { masked, entities } = maskPIIMany([text]);
  return { masked: masked[0] ?? "", entities };
}

/**
 * Puts the values back. Models sometimes drop the brackets around a placeholder
 * ("REDACTED_EMAIL_1"), so brackets are optional here; placeholders the map does not
 * know are left as they are.
 */
export function unmaskPII(text: string, entities: readonly PiiEntity[]): string {
  if (entities.length === 0) return text;
  const values = new Map(entities.map((entity) => [entity.placeholder.slice(1, -1), entity.value]));
  return text.replace(/\[?(REDACTED_(?:EMAIL|PHONE|NID|NPWP|CARD|IBAN|IP)_\d+)\]?/g, (whole, name: string) => {
    const value = values.get(name);
    return value ?? whole;
  });
}
