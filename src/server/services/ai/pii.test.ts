import { describe, expect, it } from "vitest";
import { findPII, ibanChecksumValid, luhnValid, maskPII, maskPIIMany, nikStructureValid, unmaskPII, type PiiType } from "./pii";

/** Each positive is found exactly, as one entity of its type, inside a sentence. */
const POSITIVES: Record<PiiType, string[]> = {
  EMAIL: [
    "budi.santoso@example.co.id",
    "finance+invoices@acme.com",
    "Siti_Rahma@Mail.Example.ORG",
    "a.b-c@sub.domain.io",
    "ops@pt-maju-jaya.id",
    "x1@y2.travel",
  ],
  PHONE: [
    "+62 812-3456-7890",
    "+6281234567890",
    "62 812 3456 7890",
    "0812-3456-7890",
    "0812 3456 7890",
    "081234567890",
    "(021) 555-1234",
    "(0274) 512345",
    "0361 234567",
    "+1 (415) 555-2671",
    "+44 20 7946 0958",
    "+65 6123 4567",
  ],
  NID: [
    "3201014508900001",
    "3171011203850002",
    "3374026708950003",
    "1271035507880004",
    "7371040101010005",
    "3201 0145 0890 0001",
    "320101 450890 0001",
  ],
  NPWP: [
    "01.234.567.8-901.000",
    "09.876.543.2-109.000",
    "21.345.678.9-012.001",
    "001.234.567.8-901.000",
    "012345678901000",
    "0012345678901000",
  ],
  CARD: [
    "4111111111111111",
    "4111 1111 1111 1111",
    "5555-5555-5555-4444",
    "5105105105105100",
    "378282246310005",
    "3782 822463 10005",
    "6011111111111117",
    "3530111333300000",
    "4012888888881881",
  ],
  IBAN: [
    "DE89 3704 0044 0532 0130 00",
    "DE89370400440532013000",
    "GB82 WEST 1234 5698 7654 32",
    "GB82WEST12345698765432",
    "FR14 2004 1010 0505 0001 3M02 606",
    "NL91ABNA0417164300",
    "BE68 5390 0754 7034",
    "CH93 0076 2011 6238 5295 7",
  ],
  IP: [
    "192.168.1.10",
    "10.0.0.1",
    "8.8.8.8",
    "255.255.255.255",
    "2001:db8::8a2e:370:7334",
    "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
    "fe80::1ff:fe23:4567:890a",
    "::1",
  ],
};

/** Near misses per type: nothing at all may be masked in these sentences. */
const NEGATIVES: Record<PiiType, string[]> = {
  EMAIL: [
    "write to budi@localhost",
    "follow @budi_s on social media",
    "name(at)example.com",
    "user@.com is not an address",
    "2@3.45 is arithmetic",
    "the price @ Rp 15.000 per unit",
  ],
  PHONE: [
    "due 2026-11-24",
    "dated 24/11/2026",
    "invoice INV-2026-0001",
    "growth +5% this year",
    "revenue +1.500.000 vs last month",
    "code 0812 only",
    "at 08:30 in room 021",
    "order ORD-20261124-0042",
  ],
  NID: [
    "3201014508900000", // serial 0000
    "9901014508900001", // province 99 does not exist
    "3201014513900001", // month 13
    "3201013002900001", // 30 February
    "3200014508900001", // regency 00
    "3201017208900001", // day 72 (32 + 40)
    "batch 2026112412345678", // a date-stamped id
  ],
  NPWP: [
    "order 202611240000123", // 15 digits starting with a date
    "amount 12.345.678",
    "total 1,234,567,890,123",
    "prefix 01.234.567.8 only",
    "NPWP 1234 pending",
    "ref 1234567890",
  ],
  CARD: [
    "4111111111111112", // Luhn fails
    "4111 1111 1111", // too short
    "ORD-4111111111111111", // an order id that happens to pass Luhn
    "1234567812345670", // no issuer uses prefix 1
    "4111 11 1111 111 1111", // not how cards are grouped
    "Rp 4.111.111.111.111.111",
    "6123456789012", // a 13-digit id, not a card length for that prefix
  ],
  IBAN: [
    "DE89 3704 0044 0532 0130 01", // check digits wrong
    "XX89 3704 0044 0532 0130 00", // no such country
    "DE89 3704 0044", // too short
    "GB82 WEST 1234 5698 7654 3", // one character short
    "SKU AB12 3456",
    "ID12 3456 7890 1234", // Indonesia has no IBAN
  ],
  IP: [
    "256.1.1.1 is out of range",
    "version 1.2.3",
    "Rp 100.200.100.50",
    "192.168.01.1 has a leading zero",
    "meet at 10:30:00",
    "mac 00:1A:2B:3C:4D:5E",
    "v1.2.3.4 release",
  ],
};

/** Business text that must come out unchanged. */
const ORDINARY = [
  "Total Rp 1.500.000 (termasuk PPN 11%).",
  "Amount due: 1,234,567.89 USD by 2026-11-24.",
  "Jatuh tempo 24/11/2026, faktur INV-2026-0001.",
  "Ordered 120 pcs in 2026, 15 boxes, 3.5 kg, 12.5% discount.",
  "Order #100234 and ORD-2026-000045 shipped; PO 4500012345.",
  "Q3 revenue grew 18% to Rp 2.350.000.000; margin 22,5%.",
  "Meeting at 09:30, room 4.12, floor 3.",
  "SKU A-1029-XL, batch 2026/11/0042, qty 1000.",
];

describe("maskPII detection", () => {
  for (const [type, values] of Object.entries(POSITIVES) as Array<[PiiType, string[]]>) {
    it(`finds every ${type} example (${values.length})`, () => {
      expect(values.length).toBeGreaterThanOrEqual(6);
      for (const value of values) {
        const found = findPII(`Data: ${value} — thanks.`);
        expect(found.map((f) => [f.type, f.value]), value).toEqual([[type, value]]);
      }
    });

    it(`masks no ${type} near-miss (${NEGATIVES[type].length})`, () => {
      expect(NEGATIVES[type].length).toBeGreaterThanOrEqual(6);
      for (const text of NEGATIVES[type]) {
        expect(findPII(text), text).toEqual([]);
        expect(maskPII(text).masked).toBe(text);
      }
    });
  }

  it("leaves amounts, dates, invoice numbers, years, quantities, percentages and order ids alone", () => {
    for (const text of ORDINARY) expect(maskPII(text), text).toEqual({ masked: text, entities: [] });
  });

  it("uses a label before a 16-digit number to tell NIK, NPWP and card apart", () => {
    expect(findPII("NIK: 5105105105105100").map((f) => f.type)).toEqual(["NID"]);
    expect(findPII("5105105105105100").map((f) => f.type)).toEqual(["CARD"]);
    expect(findPII("NPWP: 3201014508900001").map((f) => f.type)).toEqual(["NPWP"]);
    expect(findPII("No. KTP 3171234567890123").map((f) => f.type)).toEqual(["NID"]);
  });

  it("keeps a trailing year or full stop out of the match", () => {
    expect(findPII("Hubungi 0812-3456-7890 2026").map((f) => f.value)).toEqual(["0812-3456-7890"]);
    expect(findPII("Mail budi@example.com.").map((f) => f.value)).toEqual(["budi@example.com"]);
    expect(findPII("Server at 10.1.2.3.").map((f) => f.value)).toEqual(["10.1.2.3"]);
    expect(findPII("Use [2001:db8::1]:8080").map((f) => f.value)).toEqual(["2001:db8::1"]);
  });

  it("finds two numbers written side by side", () => {
    expect(findPII("3201014508900001 4111 1111 1111 1111").map((f) => [f.type, f.value])).toEqual([
      ["NID", "3201014508900001"],
      ["CARD", "4111 1111 1111 1111"],
    ]);
  });
});

describe("the validators", () => {
  it("checks Luhn, mod-97 and the NIK structure", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("4111111111111121")).toBe(false);
    expect(ibanChecksumValid("GB82WEST12345698765432")).toBe(true);
    expect(ibanChecksumValid("GB83WEST12345698765432")).toBe(false);
    expect(nikStructureValid("3201014508900001")).toBe(true); // woman born 5 Aug 1990
    expect(nikStructureValid("3201010508900001")).toBe(true); // man born 5 Aug 1990
    expect(nikStructureValid("3201012902000001")).toBe(true); // 29 February
    expect(nikStructureValid("3201013502000001")).toBe(false); // day 35
  });
});

describe("masking and unmasking", () => {
  const paragraph =
    "Halo tim, pelanggan Budi Santoso (budi.santoso@example.co.id, HP 0812-3456-7890, kantor (021) 555-1234) " +
    "dengan NIK 3201014508900001 dan NPWP 01.234.567.8-901.000 membayar Rp 1.500.000 untuk INV-2026-0001 " +
    "pada 24/11/2026 memakai kartu 4111 1111 1111 1111; refund ke IBAN DE89 3704 0044 0532 0130 00. " +
    "Login terakhir dari 203.0.113.7 dan 2001:db8::42. Balas ke budi.santoso@example.co.id, diskon 10%.";

  it("masks a mixed Indonesian paragraph and keeps the business facts", () => {
    const { masked, entities } = maskPII(paragraph);
    expect(masked).toBe(
      "Halo tim, pelanggan Budi Santoso ([REDACTED_EMAIL_1], HP [REDACTED_PHONE_1], kantor [REDACTED_PHONE_2]) " +
        "dengan NIK [REDACTED_NID_1] dan NPWP [REDACTED_NPWP_1] membayar Rp 1.500.000 untuk INV-2026-0001 " +
        "pada 24/11/2026 memakai kartu [REDACTED_CARD_1]; refund ke IBAN [REDACTED_IBAN_1]. " +
        "Login terakhir dari [REDACTED_IP_1] dan [REDACTED_IP_2]. Balas ke [REDACTED_EMAIL_1], diskon 10%.",
    );
    expect(entities).toEqual([
      { type: "EMAIL", placeholder: "[REDACTED_EMAIL_1]", value: "budi.santoso@example.co.id" },
      { type: "PHONE", placeholder: "[REDACTED_PHONE_1]", value: "0812-3456-7890" },
      { type: "PHONE", placeholder: "[REDACTED_PHONE_2]", value: "(021) 555-1234" },
      { type: "NID", placeholder: "[REDACTED_NID_1]", value: "3201014508900001" },
      { type: "NPWP", placeholder: "[REDACTED_NPWP_1]", value: "01.234.567.8-901.000" },
      { type: "CARD", placeholder: "[REDACTED_CARD_1]", value: "4111 1111 1111 1111" },
      { type: "IBAN", placeholder: "[REDACTED_IBAN_1]", value: "DE89 3704 0044 0532 0130 00" },
      { type: "IP", placeholder: "[REDACTED_IP_1]", value: "203.0.113.7" },
      { type: "IP", placeholder: "[REDACTED_IP_2]", value: "2001:db8::42" },
    ]);
    for (const entity of entities) expect(masked).not.toContain(entity.value);
  });

  it("round-trips: unmask(mask(text)) is the text", () => {
    const texts = [paragraph, ...Object.values(POSITIVES).flat().map((v) => `x ${v} y ${v}`), ...ORDINARY, ""];
    for (const text of texts) {
      const { masked, entities } = maskPII(text);
      expect(unmaskPII(masked, entities)).toBe(text);
    }
  });

  it("gives the same value the same placeholder, and different values different ones", () => {
    const { masked, entities } = maskPII("a@x.com, b@x.com, a@x.com, A@x.com");
    expect(masked).toBe("[REDACTED_EMAIL_1], [REDACTED_EMAIL_2], [REDACTED_EMAIL_1], [REDACTED_EMAIL_3]");
    expect(entities.map((e) => e.value)).toEqual(["a@x.com", "b@x.com", "A@x.com"]);
  });

  it("numbers across several texts with maskPIIMany", () => {
    const { masked, entities } = maskPIIMany([
      "Who is budi@example.com?",
      "Passage: budi@example.com, phone 0812-3456-7890.",
      "History: siti@example.com called 0812-3456-7890.",
    ]);
    expect(masked).toEqual([
      "Who is [REDACTED_EMAIL_1]?",
      "Passage: [REDACTED_EMAIL_1], phone [REDACTED_PHONE_1].",
      "History: [REDACTED_EMAIL_2] called [REDACTED_PHONE_1].",
    ]);
    expect(entities).toHaveLength(3);
    const answer = "[REDACTED_EMAIL_2] and REDACTED_EMAIL_1 share [REDACTED_PHONE_1]; [REDACTED_CARD_9] is unknown.";
    expect(unmaskPII(answer, entities)).toBe(
      "siti@example.com and budi@example.com share 0812-3456-7890; [REDACTED_CARD_9] is unknown.",
    );
  });

  it("never reuses a placeholder the user typed literally", () => {
    const text = "Literal [REDACTED_EMAIL_1] and real budi@example.com";
    const { masked, entities } = maskPII(text);
    expect(masked).toBe("Literal [REDACTED_EMAIL_1] and real [REDACTED_EMAIL_2]");
    expect(unmaskPII(masked, entities)).toBe(text);
  });

  it("distinguishes placeholder 1 from placeholder 10", () => {
    const emails = Array.from({ length: 10 }, (_, i) => `user${i + 1}@example.com`);
    const { masked, entities } = maskPII(emails.join(" "));
    expect(masked.split(" ")[9]).toBe("[REDACTED_EMAIL_10]");
    expect(unmaskPII("[REDACTED_EMAIL_10] [REDACTED_EMAIL_1]", entities)).toBe("user10@example.com user1@example.com");
  });
});
