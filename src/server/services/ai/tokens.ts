/**
 * Token estimates where no model counts them: the local provider (nothing to
 * count, but the usage page still shows volume) and Gemini embeddings (the embed
 * API returns no usage). About four characters per token for Latin-script text,
 * which is how Gemini's tokenizer averages on English and Indonesian prose.
 */
const CHARS_PER_TOKEN = 4;

export function estimateTokens(text: string): number {
  if (text.length === 0) return 0;
  // Code points, so emoji and non-Latin scripts are not double-counted as UTF-16 pairs.
  let codePoints = 0;
  for (const _ of text) codePoints += 1;
  return Math.max(1, Math.ceil(codePoints / CHARS_PER_TOKEN));
}

export function estimateTokensOf(texts: Iterable<string>): number {
  let total = 0;
  for (const text of texts) total += estimateTokens(text);
  return total;
}
