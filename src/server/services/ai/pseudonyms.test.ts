import { describe, expect, it } from "vitest";
import { createPseudonyms, letterLabel, numberLabel } from "./pseudonyms";

describe("pseudonyms", () => {
  it("gives each value one stand-in and turns stand-ins in a reply back into the values", () => {
    const names = createPseudonyms(numberLabel("Customer"));
    expect(names.alias("PT Maju Jaya")).toBe("Customer 1");
    expect(names.alias("Budi Santoso")).toBe("Customer 2");
    expect(names.alias(" pt maju jaya ")).toBe("Customer 1");
    for (let i = 3; i <= 12; i += 1) names.alias(`Company ${i}`);
    // "Customer 12" is not "Customer 1" followed by a 2.
    expect(names.restore("Customer 1 owes more than Customer 12; Customer 2's invoice is late.")).toBe(
      "PT Maju Jaya owes more than Company 12; Budi Santoso's invoice is late.",
    );
    expect(names.restore("Customer 99 is unknown; customer 1 is lower case.")).toBe("Customer 99 is unknown; customer 1 is lower case.");
  });

  it("hides the values inside free text, as whole words and whatever their case", () => {
    const names = createPseudonyms(letterLabel("Customer"));
    expect(names.alias("PT Maju")).toBe("Customer A");
    expect(names.alias("Jl. Sudirman 1, Jakarta", "[customer address]")).toBe("[customer address]");
    names.alias("AB");
    expect(names.hide("Consulting for pt maju (PT MAJU), ship to Jl. Sudirman 1, Jakarta. PT Majuan is another company.")).toBe(
      "Consulting for Customer A (Customer A), ship to [customer address]. PT Majuan is another company.",
    );
    // Two letters would replace ordinary words: too short to hide.
    expect(names.hide("AB testing")).toBe("AB testing");
    expect(names.restore("Customer A has no tax ID; send to [customer address].")).toBe("PT Maju has no tax ID; send to Jl. Sudirman 1, Jakarta.");
  });

  it("never gives two values the same stand-in, even when a real name looks like one", () => {
    const names = createPseudonyms(numberLabel("Customer"));
    expect(names.alias("Customer 1", "Customer 1")).toBe("Customer 1");
    expect(names.alias("Acme")).toBe("Customer 2");
    expect(names.restore("Customer 2 and Customer 1")).toBe("Acme and Customer 1");
  });

  it("labels with letters past Z", () => {
    const label = letterLabel("Customer");
    expect([0, 1, 25, 26, 27, 701, 702].map(label)).toEqual([
      "Customer A",
      "Customer B",
      "Customer Z",
      "Customer AA",
      "Customer AB",
      "Customer ZZ",
      "Customer AAA",
    ]);
  });
});
