import { Embeddings } from "@langchain/core/embeddings";
import { EMBEDDING_DIMENSIONS } from "../types";

/**
 * The local provider's embeddings: feature hashing, no model. Each normalised word
 * and each pair of neighbouring words is hashed into one of 768 dimensions with a
 * hashed sign (so collisions cancel out instead of piling up), weighted by
 * 1 + ln(count), and the vector is scaled to unit length. Texts that share words
 * point the same way; cosine similarity is then a weighted word overlap.
 *
 * Deterministic (same text → same vector, on every machine, forever: the vectors
 * are stored), language-agnostic (Unicode letters and digits of any script; accents
 * folded), and tuned lightly for English and Indonesian: a few plural and
 * possessive endings are folded, and the commonest function words weigh less.
 */

/** Function words of English and of Indonesian: kept (some questions are made of them), but weighed less. */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set([
  "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "is",
  "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "do", "does",
  "did", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "can", "could", "should",
  "would", "will", "shall", "may", "might", "must", "have", "ha", "had", "we", "you", "he", "she",
  "they", "me", "us", "our", "your", "my", "their", "his", "her", "them", "there", "here", "about", "into",
  "than", "then", "so", "if", "not", "no", "any", "all", "some", "much", "many", "also", "just", "please",
  "tell", "know", "get", "up", "out", "doe", "wa", "thi",
]);

export const INDONESIAN_STOPWORDS: ReadonlySet<string> = new Set([
  "yang", "dan", "atau", "di", "ke", "dari", "untuk", "dengan", "pada", "dalam", "adalah", "ini", "itu",
  "apa", "apakah", "siapa", "kapan", "mana", "dimana", "bagaimana", "mengapa", "kenapa", "berapa", "saya",
  "kami", "kita", "anda", "dia", "mereka", "ada", "tidak", "bukan", "juga", "akan", "sudah", "belum",
  "bisa", "dapat", "harus", "oleh", "sebagai", "karena", "jika", "kalau", "agar", "supaya", "tentang",
  "para", "sang", "si", "pun", "lah", "kah", "nya", "tolong", "mohon", "bagi", "atas", "sampai", "hingga",
  "se", "ya", "saja", "lagi", "sangat", "lebih", "telah", "masih", "hal",
]);

export const STOPWORDS: ReadonlySet<string> = new Set([...ENGLISH_STOPWORDS, ...INDONESIAN_STOPWORDS]);

/** Folds a few inflections so "refunds"/"refund" and "garansinya"/"garansi" meet. Conservative by design. */
function foldWord(word: string): string {
  if (/^\d+$/.test(word)) return word;
  if (word.length > 5 && word.endsWith("nya")) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith("s") && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * Words as the local provider sees them: Unicode-normalised (NFKD), accents
 * removed, lower case, split on anything that is not a letter or a digit, lightly
 * folded; single letters dropped.
 */
export function normalizeWords(text: string): string[] {
  const folded = text.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase();
  const words = folded.match(/[\p{L}\p{N}]+/gu) ?? [];
  const out: string[] = [];
  for (const word of words) {
    if (word.length === 1 && !/\d/.test(word)) continue;
    out.push(foldWord(word));
  }
  return out;
}

/** 32-bit FNV-1a over UTF-16 code units, then murmur3's finaliser to spread the bits. */
export function hash32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SIGN_SEED = 0x9e3779b9;
const BIGRAM_WEIGHT = 0.5;
const STOPWORD_WEIGHT = 0.25;
/** What an empty text embeds as: a fixed unit vector, so the vector is never all zeros (cosine undefined). */
const EMPTY_FEATURE = "\u0000empty";

/** The weighted features of a text: word unigrams and bigrams with their counts. */
function features(text: string): Map<string, number> {
  const words = normalizeWords(text);
  const weights = new Map<string, number>();
  const counts = new Map<string, number>();
  const add = (feature: string, weight: number) => {
    counts.set(feature, (counts.get(feature) ?? 0) + 1);
    weights.set(feature, weight);
  };
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] ?? "";
    add(`u:${word}`, STOPWORDS.has(word) ? STOPWORD_WEIGHT : 1);
    const next = words[i + 1];
    if (next !== undefined) {
      const bothStop = STOPWORDS.has(word) && STOPWORDS.has(next);
      add(`b:${word} ${next}`, bothStop ? STOPWORD_WEIGHT * BIGRAM_WEIGHT : BIGRAM_WEIGHT);
    }
  }
  const out = new Map<string, number>();
  for (const [feature, count] of counts) out.set(feature, (1 + Math.log(count)) * (weights.get(feature) ?? 1));
  return out;
}

export function hashingEmbedding(text: string, dimensions = EMBEDDING_DIMENSIONS): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const weighted = features(text);
  if (weighted.size === 0) weighted.set(EMPTY_FEATURE, 1);
  for (const [feature, weight] of weighted) {
    const index = hash32(feature) % dimensions;
    const sign = hash32(feature, SIGN_SEED) & 1 ? 1 : -1;
    vector[index] = (vector[index] ?? 0) + sign * weight;
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  // Opposite-signed collisions can cancel a one-feature text to zero: fall back to the empty vector.
  if (norm === 0) return hashingEmbedding("", dimensions);
  return vector.map((value) => value / norm);
}

export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

export class LocalHashEmbeddings extends Embeddings {
  readonly dimensions: number;

  constructor(dimensions = EMBEDDING_DIMENSIONS) {
    super({});
    this.dimensions = dimensions;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((document) => hashingEmbedding(document, this.dimensions));
  }

  async embedQuery(document: string): Promise<number[]> {
    return hashingEmbedding(document, this.dimensions);
  }
}
