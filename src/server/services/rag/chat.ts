import { z } from "zod";
import type { TenantClient } from "@/server/db/tenant-client";
import type { VectorHit } from "@/server/db/vector";
import { mapPrismaErrors } from "@/server/db/errors";
import { NotFoundError } from "@/server/errors";
import { translateMessage } from "@/server/i18n/translate";
import { getAiGateway } from "../ai/gateway";
import { LOCAL_EMBEDDING_MODEL } from "../ai/config";
import { questionLanguage } from "../ai/providers/local";
import type { Passage } from "../ai/types";
import { getVectorStore, type RagVectorStore } from "./vector-store";

/**
 * The document chat: a question is answered only from the team's own documents.
 *
 *   embed the question → the team's k nearest chunks → drop the ones below the
 *   model's similarity floor → nothing left: "I don't know" without calling the
 *   model → otherwise the gateway answers from those passages (as data, see the
 *   providers) and cites them → citations are built only for cited chunks that
 *   were actually retrieved → both messages are stored in one transaction.
 *
 * Nothing is stored before the answer exists: a timeout or an unavailable model
 * leaves the conversation as it was (AI_UNAVAILABLE from the gateway reaches the
 * user with its message), never a question without its answer.
 */

/** How many chunks are retrieved per question (the passages the model may use). */
export const RETRIEVAL_K = 6;
/** Earlier messages sent along for follow-up questions. */
export const HISTORY_MESSAGES = 6;
const EXCERPT_CHARS = 320;
const TITLE_CHARS = 80;

export const DONT_KNOW_ANSWER = "I don't know — your documents don't cover this.";

/**
 * Below this cosine similarity a chunk is not about the question. Per embedding
 * model, because their scales differ: the local hashing embeddings give related
 * 3,000-character chunks about 0.09–0.12 and unrelated ones −0.04–0.065 (measured
 * on sample chunks); Gemini's embeddings sit higher overall. The floor only
 * filters obvious misses — whether the passages really answer is the model's call
 * (the local provider requires half the question's content words in a sentence).
 */
const SIMILARITY_FLOORS: Readonly<Record<string, number>> = {
  [LOCAL_EMBEDDING_MODEL]: 0.05,
  "text-embedding-004": 0.3,
  "gemini-embedding-001": 0.3,
};
const DEFAULT_SIMILARITY_FLOOR = 0.2;

export function similarityFloor(embeddingModel: string): number {
  return Object.hasOwn(SIMILARITY_FLOORS, embeddingModel) ? (SIMILARITY_FLOORS[embeddingModel] ?? DEFAULT_SIMILARITY_FLOOR) : DEFAULT_SIMILARITY_FLOOR;
}

export const ZCitation = z.object({
  chunkId: z.string(),
  documentId: z.string(),
  documentName: z.string(),
  page: z.number().int().nullable(),
  section: z.string().nullable(),
  excerpt: z.string(),
});
export type Citation = z.infer<typeof ZCitation>;
const ZCitations = z.array(ZCitation);

export type ChatMessageView = {
  id: string;
  role: "user" | "assistant";
  content: string;
  citations: Citation[];
  /** The provider that answered; null when no model was asked (nothing relevant was found). */
  provider: string | null;
  /** False: the documents did not contain the answer. Null on the user's messages. */
  grounded: boolean | null;
  createdAt: Date;
};

export const chatMessageSelect = {
  id: true,
  role: true,
  content: true,
  citations: true,
  provider: true,
  grounded: true,
  createdAt: true,
} as const;

type StoredMessage = { id: string; role: string; content: string; citations: unknown; provider: string | null; grounded: boolean | null; createdAt: Date };

export function toMessageView(row: StoredMessage): ChatMessageView {
  const citations = row.citations === null ? [] : ZCitations.safeParse(row.citations);
  return {
    id: row.id,
    role: row.role === "user" ? "user" : "assistant",
    content: row.content,
    citations: Array.isArray(citations) ? citations : citations.success ? citations.data : [],
    provider: row.provider,
    grounded: row.grounded,
    createdAt: row.createdAt,
  };
}

/** "Handbook.pdf, p. 3 / Refunds": how a passage is named to the model and to the reader. */
export function passageLabel(hit: Pick<VectorHit, "documentName" | "page" | "section">): string {
  let label = hit.documentName;
  if (hit.page !== null) label += `, p. ${hit.page}`;
  if (hit.section) label += ` / ${hit.section}`;
  return label;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * The part of a chunk to show under a citation: around the first sentence of the
 * answer found in it (extractive answers quote the chunk), else its beginning.
 */
export function excerptOf(content: string, answer: string): string {
  // Line breaks are kept (headings and lists stay readable); other runs of white space become one space.
  const text = content.replace(/[^\S\n]+/g, " ").replace(/ ?\n[\s]*/g, "\n").trim();
  if (text.length <= EXCERPT_CHARS) return text;
  const sentences = collapse(answer)
    .split(/(?<=[.!?])\s+/)
    .filter((sentence) => sentence.length >= 20)
    .sort((a, b) => b.length - a.length);
  let at = -1;
  for (const sentence of sentences) {
    at = text.indexOf(sentence.slice(0, 60));
    if (at >= 0) break;
  }
  const start = at < 0 ? 0 : Math.max(0, Math.min(at - 40, text.length - EXCERPT_CHARS));
  const slice = text.slice(start, start + EXCERPT_CHARS);
  return `${start > 0 ? "…" : ""}${slice.trim()}${start + EXCERPT_CHARS < text.length ? "…" : ""}`;
}

function titleOf(question: string): string {
  const text = collapse(question);
  return text.length <= TITLE_CHARS ? text : `${text.slice(0, TITLE_CHARS - 1).trimEnd()}…`;
}

type Reply = { answer: string; citations: Citation[]; grounded: boolean; provider: string };

/** The model's answer from the retrieved passages, with citations only for chunks that were retrieved (each once). */
async function answerFrom(
  relevant: VectorHit[],
  request: { question: string; history: Array<{ role: "user" | "assistant"; content: string }>; caller: { teamId: string; userId: string } },
): Promise<Reply> {
  const passages: Passage[] = relevant.map((hit) => ({ id: hit.chunkId, text: hit.content, label: passageLabel(hit) }));
  const output = await getAiGateway().answer(request.caller, { question: request.question, passages, history: request.history });
  const byId = new Map(relevant.map((hit) => [hit.chunkId, hit]));
  const citations = [...new Set(output.citedIds)].flatMap((id) => {
    const hit = byId.get(id);
    if (!hit) return [];
    return [{ chunkId: hit.chunkId, documentId: hit.documentId, documentName: hit.documentName, page: hit.page, section: hit.section, excerpt: excerptOf(hit.content, output.answer) }];
  });
  // "Grounded" without a single real citation is not grounded.
  return { answer: output.answer, citations, grounded: output.grounded && citations.length > 0, provider: output.provider };
}

export type ChatRequest = { db: TenantClient; teamId: string; userId: string };
export type AskInput = { conversationId?: string; question: string };
export type AskResult = {
  conversation: { id: string; title: string };
  question: ChatMessageView;
  answer: ChatMessageView;
};

export async function askQuestion(request: ChatRequest, input: AskInput, store: RagVectorStore = getVectorStore()): Promise<AskResult> {
  const { db, teamId, userId } = request;
  const question = input.question.trim();

  // Only the asker's own conversations can be continued.
  const existing = input.conversationId
    ? await db.chatConversation.findFirst({ where: { id: input.conversationId, userId }, select: { id: true, title: true } })
    : null;
  if (input.conversationId && !existing) throw new NotFoundError("Conversation");
  const history = existing
    ? (
        await db.chatMessage.findMany({
          where: { conversationId: existing.id },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: HISTORY_MESSAGES,
          select: { role: true, content: true },
        })
      )
        .reverse()
        .map((m) => ({ role: m.role === "user" ? ("user" as const) : ("assistant" as const), content: m.content }))
    : [];

  // Taken when the question comes in, not when the model is done: two questions sent
  // at once to one conversation keep the order they were asked in.
  const askedAt = new Date();
  const gateway = getAiGateway();
  const caller = { teamId, userId };
  const embeddingModel = gateway.embeddingModel();
  const vector = await gateway.embedQuery(caller, question);
  const hits = await store.search(teamId, vector, RETRIEVAL_K, { embeddingModel });
  const floor = similarityFloor(embeddingModel);
  const relevant = hits.filter((hit) => hit.score >= floor);

  const reply = relevant.length > 0 ? await answerFrom(relevant, { question, history, caller }) : null;
  // Not grounded (or nothing relevant, so no model was asked): our own sentence, never a model's unsupported text.
  const content = reply?.grounded ? reply.answer : translateMessage(questionLanguage(question), DONT_KNOW_ANSWER);
  const citations = reply?.grounded ? reply.citations : [];
  const provider = reply?.provider ?? null;
  const grounded = reply?.grounded ?? false;

  // The answer's timestamp follows the question's: both are written in one transaction.
  const answeredAt = new Date(askedAt.getTime() + 1);
  const written = await mapPrismaErrors(
    "Conversation",
    db.$transaction(async (tx) => {
      const conversation = existing
        ? await tx.chatConversation.update({ where: { id: existing.id }, data: { updatedAt: answeredAt }, select: { id: true, title: true } })
        : await tx.chatConversation.create({ data: { userId, title: titleOf(question) }, select: { id: true, title: true } });
      const asked = await tx.chatMessage.create({
        data: { conversationId: conversation.id, role: "user", content: question, createdAt: askedAt },
        select: chatMessageSelect,
      });
      const answered = await tx.chatMessage.create({
        data: { conversationId: conversation.id, role: "assistant", content, citations, provider, grounded, createdAt: answeredAt },
        select: chatMessageSelect,
      });
      return { conversation, asked, answered };
    }),
  );
  return { conversation: written.conversation, question: toMessageView(written.asked), answer: toMessageView(written.answered) };
}
