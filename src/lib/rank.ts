import { generateKeyBetween } from "fractional-indexing";

/**
 * Fractional ranks: a key strictly between two neighbours (null = an end), so
 * moving a task rewrites only that task. Keys compare byte by byte (the column
 * has COLLATE "C"), which is also how JavaScript compares strings.
 */
export function rankBetween(before: string | null, after: string | null): string {
  if (before !== null && after !== null && before >= after) {
    // Neighbours out of order (a concurrent move): place right after `before`.
    return generateKeyBetween(before, null);
  }
  return generateKeyBetween(before, after);
}
