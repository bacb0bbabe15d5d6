import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import type { ExtractedText, TextUnit } from "./extract";

/**
 * Chunks of about 500 words (≈ 3,000 characters) with ~15% overlap, so a passage
 * cut at a boundary still appears whole in one of its two chunks. The text is
 * split as one piece (a chunk may run across a page break, as sentences do) and
 * each chunk takes the page and section that hold most of its characters.
 */
export const CHUNK_CHARACTERS = 3_000;
export const CHUNK_OVERLAP_CHARACTERS = 450;
const UNIT_SEPARATOR = "\n\n";

export type ChunkDraft = { index: number; content: string; page: number | null; section: string | null; tokenCount: number };

/** Headings first (keeps sections together), then paragraphs, lines, sentences, words. */
const SEPARATORS = ["\n# ", "\n## ", "\n### ", "\n#### ", "\n\n", "\n", ". ", " ", ""];

/** A rough token count (≈ 4 characters per token) for budgeting prompts. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

type Span = { start: number; end: number; unit: TextUnit };

function bestUnit(spans: Span[], start: number, end: number): TextUnit | null {
  // The first span that ends after `start` (spans are in text order).
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((spans[mid]?.end ?? 0) <= start) low = mid + 1;
    else high = mid;
  }
  let best: Span | null = null;
  let bestOverlap = 0;
  for (let i = low; i < spans.length; i++) {
    const span = spans[i];
    if (!span || span.start >= end) break;
    const overlap = Math.min(end, span.end) - Math.max(start, span.start);
    if (overlap > bestOverlap) {
      best = span;
      bestOverlap = overlap;
    }
  }
  return best?.unit ?? null;
}

export async function chunkText(extracted: ExtractedText): Promise<ChunkDraft[]> {
  const spans: Span[] = [];
  let text = "";
  for (const unit of extracted.units) {
    if (text) text += UNIT_SEPARATOR;
    spans.push({ start: text.length, end: text.length + unit.text.length, unit });
    text += unit.text;
  }
  const splitter = new RecursiveCharacterTextSplitter({
    chunkSize: CHUNK_CHARACTERS,
    chunkOverlap: CHUNK_OVERLAP_CHARACTERS,
    separators: SEPARATORS,
    keepSeparator: true,
  });
  const pieces = await splitter.splitText(text);

  const chunks: ChunkDraft[] = [];
  let cursor = 0;
  let previous: TextUnit | null = spans[0]?.unit ?? null;
  for (const piece of pieces) {
    const content = piece.trim();
    if (!content) continue;
    // Pieces are trimmed substrings of the text, in order (overlapping): find each after the last one's start.
    const at = text.indexOf(content, cursor);
    const unit = at >= 0 ? bestUnit(spans, at, at + content.length) : previous;
    if (at >= 0) cursor = at + 1;
    previous = unit;
    chunks.push({
      index: chunks.length,
      content,
      page: unit?.page ?? null,
      section: unit?.section ?? null,
      tokenCount: estimateTokens(content),
    });
  }
  return chunks;
}
