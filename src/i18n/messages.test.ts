import { describe, expect, it } from "vitest";
import { routing } from "./routing";
import { loadMessages } from "./messages";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)/g)].map((m) => m[1] ?? "").sort();
}

describe("messages", () => {
  it("has the same keys, and the same placeholders, in every language", async () => {
    const [reference, ...others] = await Promise.all(routing.locales.map((locale) => loadMessages(locale)));
    const referenceKeys = keys(reference).sort();
    expect(referenceKeys.length).toBeGreaterThan(10);
    for (const messages of others) {
      expect(keys(messages).sort()).toEqual(referenceKeys);
      for (const key of referenceKeys) {
        const get = (m: Record<string, unknown>) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], m);
        const a = get(reference ?? {});
        const b = get(messages);
        if (typeof a === "string" && typeof b === "string") expect(placeholders(b), key).toEqual(placeholders(a));
        expect(typeof b === "string" && b.trim().length > 0, key).toBe(true);
      }
    }
  });
});
