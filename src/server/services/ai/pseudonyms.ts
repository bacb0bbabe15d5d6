/**
 * Stand-ins for values a model does not need to see: a customer becomes
 * "Customer A" (or "Customer 1"), the same value always the same stand-in within
 * one request, and the stand-ins in the model's reply turn back into the real
 * values. The gateway's PII masking (pii.ts) finds emails, phones and ID numbers
 * by their shape; a company's or person's name has no shape, so a feature that
 * knows which values are names replaces them here before calling the gateway.
 */
export type Pseudonyms = {
  /** The stand-in for a real value: `standIn` when given, else the next generated label. */
  alias(real: string, standIn?: string): string;
  /** Replaces every known real value inside free text (notes, descriptions, rules) with its stand-in. */
  hide(text: string): string;
  /** Replaces the stand-ins in a reply with the real values. */
  restore(text: string): string;
};

/** Values this short would replace ordinary words in free text, and identify no one. */
const MIN_HIDDEN_LENGTH = 3;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** One pass over the text for all values, longest first, and only as whole words. */
function replacer(values: readonly string[], flags: string): RegExp | null {
  if (values.length === 0) return null;
  const alternatives = [...values].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}])`, flags);
}

/** "Customer A", "Customer B", … "Customer Z", "Customer AA", … */
export function letterLabel(prefix: string): (index: number) => string {
  return (index) => {
    let letters = "";
    for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    return `${prefix} ${letters}`;
  };
}

/** "Customer 1", "Customer 2", … */
export function numberLabel(prefix: string): (index: number) => string {
  return (index) => `${prefix} ${index + 1}`;
}

export function createPseudonyms(label: (index: number) => string): Pseudonyms {
  // Keyed by the trimmed, lower-cased value: "PT Maju" and "pt maju " are one customer.
  const standInOf = new Map<string, string>();
  const realOf = new Map<string, string>();
  let generated = 0;

  return {
    alias(real, standIn) {
      const key = real.trim().toLowerCase();
      const known = standInOf.get(key);
      if (known) return known;
      let chosen = standIn;
      while (chosen === undefined || realOf.has(chosen)) chosen = label(generated++);
      standInOf.set(key, chosen);
      realOf.set(chosen, real.trim());
      return chosen;
    },

    hide(text) {
      const hidden = [...standInOf.keys()].filter((key) => key.length >= MIN_HIDDEN_LENGTH);
      const pattern = replacer(hidden, "giu");
      return pattern ? text.replace(pattern, (match) => standInOf.get(match.toLowerCase()) ?? match) : text;
    },

    restore(text) {
      // Case-sensitive: "customer a" in "send the customer a reminder" is English, not a stand-in.
      const pattern = replacer([...realOf.keys()], "gu");
      return pattern ? text.replace(pattern, (match) => realOf.get(match) ?? match) : text;
    },
  };
}
