import { LOCAL_CHAT_MODEL, LOCAL_EMBEDDING_MODEL } from "../config";
import { estimateTokens, estimateTokensOf } from "../tokens";
import type {
  AiProvider,
  AnswerInput,
  AnswerOutput,
  InsightsInput,
  InsightsOutput,
  Passage,
  ProviderCallOptions,
  ProviderReply,
  ProviderUsage,
} from "../types";
import { ENGLISH_STOPWORDS, INDONESIAN_STOPWORDS, LocalHashEmbeddings, normalizeWords, STOPWORDS } from "./local-embeddings";

/**
 * The provider used when no model is configured. It calls nothing and invents
 * nothing: answers are sentences copied from the passages (with the ids they came
 * from), insights are read off the numbers by fixed rules, and rule checks are not
 * offered (canReason=false). The UI says so with the label.
 */
export const LOCAL_LABEL = "Local (extractive, no model)";

export const NOT_FOUND_ANSWER = {
  en: "I could not find this in your documents.",
  id: "Saya tidak menemukan informasi ini di dokumen Anda.",
} as const;

/** Share of the question's content words one sentence must contain to count as an answer. */
export const GROUNDED_COVERAGE = 0.5;
const MAX_ANSWER_SENTENCES = 3;
const MAX_SENTENCE_CHARS = 400;
const BM25_K1 = 1.2;
const BM25_B = 0.75;

type Sentence = { passage: number; position: number; id: string; text: string; words: string[]; counts: Map<string, number> };

/** Splits on line breaks and on sentence ends followed by a capital, digitless start (so "Rp. 500" stays whole). */
export function splitSentences(text: string): string[] {
  const pieces = text
    .split(/\n+|(?<=[.!?…。])\s+(?=[\p{Lu}\p{Lt}"“'(\[])/u)
    .map((piece) => piece.replace(/\s+/g, " ").trim())
    .filter((piece) => /[\p{L}\p{N}]/u.test(piece));
  const out: string[] = [];
  for (const piece of pieces) {
    if (piece.length <= MAX_SENTENCE_CHARS) {
      out.push(piece);
      continue;
    }
    // Tables and run-on lines: cut at spaces so a match can still be shown whole.
    let rest = piece;
    while (rest.length > MAX_SENTENCE_CHARS) {
      const cut = rest.lastIndexOf(" ", MAX_SENTENCE_CHARS);
      const at = cut > MAX_SENTENCE_CHARS / 2 ? cut : MAX_SENTENCE_CHARS;
      out.push(rest.slice(0, at).trim());
      rest = rest.slice(at).trim();
    }
    if (rest) out.push(rest);
  }
  return out;
}

function toSentences(passages: readonly Passage[]): Sentence[] {
  const sentences: Sentence[] = [];
  passages.forEach((passage, passageIndex) => {
    splitSentences(passage.text).forEach((text, position) => {
      const words = normalizeWords(text);
      const counts = new Map<string, number>();
      for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
      sentences.push({ passage: passageIndex, position, id: passage.id, text, words, counts });
    });
  });
  return sentences;
}

/** The language to say "not found" in: Indonesian when the question reads as Indonesian. */
export function questionLanguage(question: string): "en" | "id" {
  const words = normalizeWords(question);
  const indonesian = words.filter((word) => INDONESIAN_STOPWORDS.has(word)).length;
  const english = words.filter((word) => ENGLISH_STOPWORDS.has(word)).length;
  return indonesian > english ? "id" : "en";
}

/**
 * How well a sentence's words cover a question word: 1 for the same word, 0.75
 * when one contains the other (Indonesian affixes: "bayar" in "pembayaran",
 * "lama" in "selama"; at least four letters so short words do not match by chance).
 */
function matchStrength(term: string, sentence: Sentence): { strength: number; tf: number } {
  const exact = sentence.counts.get(term);
  if (exact) return { strength: 1, tf: exact };
  if (term.length < 4 || /^\d+$/.test(term)) return { strength: 0, tf: 0 };
  for (const word of sentence.counts.keys()) {
    if (word.length >= 4 && !/^\d+$/.test(word) && (word.includes(term) || term.includes(word))) {
      return { strength: 0.75, tf: 1 };
    }
  }
  return { strength: 0, tf: 0 };
}

type Scored = { sentence: Sentence; coverage: number; bm25: number; score: number };

function scoreSentences(question: string, sentences: Sentence[]): Scored[] {
  const questionWords = normalizeWords(question);
  const content = [...new Set(questionWords.filter((word) => !STOPWORDS.has(word)))];
  const terms = content.length > 0 ? content : [...new Set(questionWords)];
  if (terms.length === 0 || sentences.length === 0) return [];

  const n = sentences.length;
  const averageLength = sentences.reduce((sum, s) => sum + s.words.length, 0) / n || 1;
  const strengths = sentences.map((sentence) => terms.map((term) => matchStrength(term, sentence)));
  const idf = terms.map((_, t) => {
    const df = strengths.filter((row) => (row[t]?.strength ?? 0) > 0).length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  });

  const scored = sentences.map((sentence, s) => {
    const row = strengths[s] ?? [];
    let covered = 0;
    let bm25 = 0;
    row.forEach(({ strength, tf }, t) => {
      if (strength === 0) return;
      covered += strength;
      const lengthNorm = 1 - BM25_B + (BM25_B * sentence.words.length) / averageLength;
      bm25 += (idf[t] ?? 0) * strength * ((tf * (BM25_K1 + 1)) / (tf + BM25_K1 * lengthNorm));
    });
    return { sentence, coverage: covered / terms.length, bm25, score: 0 };
  });
  const maxBm25 = Math.max(...scored.map((s) => s.bm25), 0) || 1;
  // Coverage decides whether a sentence answers at all; BM25 breaks ties toward the rarer, denser match.
  for (const s of scored) s.score = s.coverage + 0.15 * (s.bm25 / maxBm25);
  return scored.sort((a, b) => b.score - a.score || a.sentence.passage - b.sentence.passage || a.sentence.position - b.sentence.position);
}

/** Extractive answer: the best-covering sentences, cited; "not found" below the coverage threshold. */
export function extractiveAnswer(input: AnswerInput): AnswerOutput {
  const ranked = scoreSentences(input.question, toSentences(input.passages));
  const best = ranked[0];
  if (!best || best.coverage < GROUNDED_COVERAGE) {
    return { answer: NOT_FOUND_ANSWER[questionLanguage(input.question)], citedIds: [], grounded: false };
  }
  const chosen = ranked
    .filter((s) => s.coverage >= GROUNDED_COVERAGE && s.score >= best.score * 0.7)
    .slice(0, MAX_ANSWER_SENTENCES)
    .sort((a, b) => a.sentence.passage - b.sentence.passage || a.sentence.position - b.sentence.position);
  const seen = new Set<string>();
  const sentences = chosen.filter((s) => !seen.has(s.sentence.text) && seen.add(s.sentence.text));
  const citedIds = [...new Set(sentences.map((s) => s.sentence.id))];
  return { answer: sentences.map((s) => s.sentence.text).join(" "), citedIds, grounded: true };
}

// ---------------------------------------------------------------------------
// Rule-based insights from the day's figures.

type Leaf = { path: string[]; value: unknown };

const CURRENT_WORDS = new Set(["today", "current", "this", "now", "cur", "curr"]);
const PREVIOUS_WORDS = new Set(["previous", "prev", "yesterday", "last", "prior", "before"]);
const PERIOD_UNITS = new Set(["day", "days", "week", "month", "period", "year"]);
const TOP_WORDS = new Set(["top", "best", "largest", "biggest"]);
const NAME_KEYS = ["name", "label", "title", "customer", "customerName", "displayName"];

export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[\s_.\-]+/)
    .map((word) => word.toLowerCase())
    .filter(Boolean);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asNumber(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^-?\d+(?:\.\d+)?$/.test(value.trim())) return Number(value);
  return null;
}

function formatNumber(value: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: Number.isInteger(value) ? 0 : 2 });
}

function humanize(words: readonly string[]): string {
  const text = words.join(" ").trim();
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : "Value";
}

/** Leaves of the data; a "top …" object or list stays whole (it is described, not summed). */
function leaves(value: unknown, path: string[] = [], out: Leaf[] = []): Leaf[] {
  const last = path.at(-1);
  const isTop = last !== undefined && keyWords(last).some((word) => TOP_WORDS.has(word));
  if (isPlainObject(value) && !isTop) {
    for (const [key, child] of Object.entries(value)) leaves(child, [...path, key], out);
  } else {
    out.push({ path, value });
  }
  return out;
}

function describeEntry(entry: unknown): string | null {
  if (!isPlainObject(entry)) {
    const number = asNumber(entry);
    if (number !== null) return formatNumber(number);
    return typeof entry === "string" && entry.trim() ? entry.trim() : null;
  }
  const nameKey = NAME_KEYS.find((key) => typeof entry[key] === "string") ?? Object.keys(entry).find((key) => typeof entry[key] === "string" && asNumber(entry[key]) === null);
  const name = nameKey ? String(entry[nameKey]) : null;
  const figures = Object.entries(entry)
    .filter(([key, value]) => key !== nameKey && asNumber(value) !== null && !/id$/i.test(key))
    .slice(0, 2)
    .map(([key, value]) => `${keyWords(key).join(" ")} ${formatNumber(asNumber(value) ?? 0)}`);
  if (!name && figures.length === 0) return null;
  return figures.length > 0 ? `${name ?? "—"} (${figures.join(", ")})` : name;
}

type Insight = { rank: number; text: string };

export function ruleBasedInsights(data: Record<string, unknown>, count: number): string[] {
  const all = leaves(data);
  const used = new Set<Leaf>();
  const insights: Insight[] = [];

  // 1. This period against the previous one: revenue vs yesterday, revenueToday vs revenuePreviousDay, ...
  const groups = new Map<string, { current: Leaf[]; previous: Leaf[]; label: string[] }>();
  for (const leaf of all) {
    if (asNumber(leaf.value) === null) continue;
    const words = leaf.path.flatMap(keyWords);
    const previous = words.some((word) => PREVIOUS_WORDS.has(word));
    const current = words.some((word) => CURRENT_WORDS.has(word));
    const label = words.filter(
      (word) => !PREVIOUS_WORDS.has(word) && !CURRENT_WORDS.has(word) && !((previous || current) && PERIOD_UNITS.has(word)),
    );
    const key = label.join(" ");
    const group = groups.get(key) ?? { current: [], previous: [], label };
    (previous ? group.previous : group.current).push(leaf);
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    const [now] = group.current;
    const [before] = group.previous;
    if (group.current.length !== 1 || group.previous.length !== 1 || !now || !before) continue;
    const a = asNumber(now.value) ?? 0;
    const b = asNumber(before.value) ?? 0;
    used.add(now).add(before);
    const label = humanize(group.label);
    if (b === 0) {
      insights.push({
        rank: a === 0 ? 0 : 1_000,
        text: a === 0 ? `${label}: 0, as in the previous period.` : `${label}: ${formatNumber(a)}, up from 0 in the previous period.`,
      });
      continue;
    }
    const change = ((a - b) / Math.abs(b)) * 100;
    const direction = change > 0 ? "up" : change < 0 ? "down" : "unchanged";
    insights.push({
      rank: Math.abs(change),
      text:
        direction === "unchanged"
          ? `${label} is unchanged at ${formatNumber(a)} compared with the previous period.`
          : `${label} is ${direction} ${Math.abs(change).toFixed(1)}%: ${formatNumber(a)} against ${formatNumber(b)} the previous period.`,
    });
  }
  insights.sort((x, y) => y.rank - x.rank);

  // 2. What is overdue, in one line.
  const overdue = all.filter((leaf) => !used.has(leaf) && asNumber(leaf.value) !== null && leaf.path.flatMap(keyWords).includes("overdue"));
  if (overdue.length > 0) {
    for (const leaf of overdue) used.add(leaf);
    const parts = overdue.map((leaf) => {
      const words = leaf.path.flatMap(keyWords).filter((word) => word !== "overdue");
      return `${words.join(" ") || "total"} ${formatNumber(asNumber(leaf.value) ?? 0)}`;
    });
    const nothing = overdue.every((leaf) => asNumber(leaf.value) === 0);
    insights.push({ rank: -1, text: nothing ? "Nothing is overdue." : `Overdue: ${parts.join(", ")}.` });
  }

  // 3. The leaders: top customer(s), best product, ...
  for (const leaf of all) {
    const last = leaf.path.at(-1);
    if (!last || !keyWords(last).some((word) => TOP_WORDS.has(word)) || used.has(leaf)) continue;
    const entries = (Array.isArray(leaf.value) ? leaf.value.slice(0, 3) : [leaf.value]).map(describeEntry).filter((e): e is string => e !== null);
    if (entries.length === 0) continue;
    used.add(leaf);
    insights.push({ rank: -2, text: `${humanize(leaf.path.flatMap(keyWords))}: ${entries.join("; ")}.` });
  }

  // 4. Whatever figures are left, in the order given.
  for (const leaf of all) {
    const number = asNumber(leaf.value);
    if (used.has(leaf) || number === null) continue;
    insights.push({ rank: -3, text: `${humanize(leaf.path.flatMap(keyWords))}: ${formatNumber(number)}.` });
  }

  const ordered = [
    ...insights.filter((i) => i.rank >= 0),
    ...insights.filter((i) => i.rank === -1),
    ...insights.filter((i) => i.rank === -2),
    ...insights.filter((i) => i.rank === -3),
  ];
  const texts = ordered.slice(0, Math.max(1, count)).map((i) => i.text);
  return texts.length > 0 ? texts : ["There were no figures to analyse for this period."];
}

// ---------------------------------------------------------------------------

function usageOf(inputs: Iterable<string>, output: Iterable<string>): ProviderUsage {
  return { inputTokens: estimateTokensOf(inputs), outputTokens: estimateTokensOf(output) };
}

export function createLocalProvider(): AiProvider {
  return {
    id: "local",
    model: LOCAL_CHAT_MODEL,
    embeddingModel: LOCAL_EMBEDDING_MODEL,
    label: LOCAL_LABEL,
    canReason: false,
    embeddings: new LocalHashEmbeddings(),

    async answer(input: AnswerInput, options: ProviderCallOptions): Promise<ProviderReply<AnswerOutput>> {
      options.signal.throwIfAborted();
      const output = extractiveAnswer(input);
      const inputs = [input.question, ...input.passages.map((p) => p.text), ...(input.history ?? []).map((h) => h.content)];
      return { usage: usageOf(inputs, [output.answer]), read: () => output };
    },

    async insights(input: InsightsInput, options: ProviderCallOptions): Promise<ProviderReply<InsightsOutput>> {
      options.signal.throwIfAborted();
      const insights = ruleBasedInsights(input.data, input.count);
      return {
        usage: { inputTokens: estimateTokens(JSON.stringify(input.data)), outputTokens: estimateTokensOf(insights) },
        read: () => ({ insights }),
      };
    },

    async checkRules() {
      throw new Error("The local provider cannot check invoice rules: it has no language model (canReason=false).");
    },
  };
}
