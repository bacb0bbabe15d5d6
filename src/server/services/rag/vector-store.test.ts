import { Document } from "@langchain/core/documents";
import { VectorStore } from "@langchain/core/vectorstores";
import { beforeAll, describe, expect, it } from "vitest";
import { createTeam, type TestTeam } from "../../../../test/factories";
import { getPool } from "../../db/client";
import { getTenantDb } from "../../db/get-tenant-db";
import { DomainError } from "../../errors";
import { createAiGateway } from "../ai/gateway";
import { createLocalProvider } from "../ai/providers/local";
import { excerptOf, passageLabel, similarityFloor } from "./chat";
import { TeamVectorStore, vectorStoreOnPool } from "./vector-store";

/** The LangChain face of the knowledge base, on the machine's PostgreSQL (portable backend), local embeddings. */
const gateway = createAiGateway({ provider: createLocalProvider() });
const store = vectorStoreOnPool(getPool(), () => gateway);
let a: TestTeam;
let b: TestTeam;

async function newDocument(teamId: string, name: string) {
  const db = await getTenantDb(teamId);
  return db.document.create({
    data: { name, mimeType: "text/plain", sizeBytes: 10, storageKey: `test/${teamId}/${name}`, sha256: "0".repeat(64), status: "READY" },
    select: { id: true },
  });
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTeam("vs-a"), createTeam("vs-b")]);
});

describe("TeamVectorStore", () => {
  it("is a LangChain VectorStore: adds documents, searches by text, works as a retriever, deletes", async () => {
    const db = await getTenantDb(a.id);
    const team = await store.forTeam({ teamId: a.id, userId: a.owner.id }, db);
    expect(team).toBeInstanceOf(VectorStore);
    expect(team._vectorstoreType()).toBe("ebos-team");
    expect(team.backendKind).toBe("portable");

    const doc = await newDocument(a.id, "Guide.txt");
    const ids = await team.addDocuments([
      new Document({ pageContent: "The office opens at eight in the morning.", metadata: { documentId: doc.id, index: 0, page: 1, section: "Hours" } }),
      new Document({ pageContent: "Parking is free for employees in the basement.", metadata: { documentId: doc.id, index: 1, page: 2, section: "Parking" } }),
      new Document({ pageContent: "Expense reports are due on the fifth of each month.", metadata: { documentId: doc.id, index: 2, page: 2, section: null } }),
    ]);
    expect(ids).toHaveLength(3);
    const rows = await db.documentChunk.findMany({ where: { id: { in: ids } }, select: { id: true, index: true, embeddingModel: true, tokenCount: true } });
    expect(rows.map((r) => [ids.indexOf(r.id), r.index]).sort()).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    expect(rows.every((r) => r.embeddingModel === gateway.embeddingModel() && r.tokenCount > 0)).toBe(true);

    const [best] = await team.similaritySearchWithScore("Where can employees park?", 1);
    expect(best?.[0].pageContent).toBe("Parking is free for employees in the basement.");
    expect(best?.[0].metadata).toEqual({ chunkId: ids[1], documentId: doc.id, documentName: "Guide.txt", index: 1, page: 2, section: "Parking" });
    expect(best?.[1]).toBeGreaterThan(0.2);

    const retrieved = await team.asRetriever(2).invoke("When are expense reports due?");
    expect(retrieved[0]?.id).toBe(ids[2]);
    expect(retrieved).toHaveLength(2);

    const other = await newDocument(a.id, "Other.txt");
    await team.addDocuments([new Document({ pageContent: "Parking permits are issued by reception.", metadata: { documentId: other.id, index: 0 } })]);
    const filtered = await team.similaritySearch("parking", 5, { documentIds: [other.id] });
    expect(filtered.map((d) => d.metadata.documentName)).toEqual(["Other.txt"]);

    await team.delete({ ids: [ids[1]!] });
    const after = await team.similaritySearch("Where can employees park?", 5, { documentIds: [doc.id] });
    expect(after.map((d) => d.id)).not.toContain(ids[1]);
  });

  it("keeps each team to its own chunks, for reads, writes and deletes", async () => {
    const dbA = await getTenantDb(a.id);
    const dbB = await getTenantDb(b.id);
    const storeA = await store.forTeam({ teamId: a.id, userId: null }, dbA);
    const storeB = await store.forTeam({ teamId: b.id, userId: null }, dbB);
    const docA = await newDocument(a.id, "A-only.txt");
    const [secret] = await storeA.addDocuments([new Document({ pageContent: "The launch code word is pineapple.", metadata: { documentId: docA.id, index: 0 } })]);

    expect(await storeB.similaritySearch("What is the launch code word?", 5)).toEqual([]);
    // B cannot attach chunks to A's document, nor delete A's chunks.
    await expect(storeB.addDocuments([new Document({ pageContent: "x", metadata: { documentId: docA.id, index: 9 } })])).rejects.toThrow();
    await storeB.delete({ ids: [secret!] });
    expect((await storeA.similaritySearch("What is the launch code word?", 1))[0]?.id).toBe(secret);
  });

  it("refuses chunks without a document position and vectors of the wrong size", async () => {
    const db = await getTenantDb(a.id);
    const team = await store.forTeam({ teamId: a.id, userId: null }, db);
    const missing = await team.addDocuments([new Document({ pageContent: "orphan", metadata: {} })]).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(DomainError);
    expect((missing as DomainError).code).toBe("BAD_REQUEST");
    const doc = await newDocument(a.id, "Sizes.txt");
    const wrong = await team.addVectors([[1, 2, 3]], [new Document({ pageContent: "short", metadata: { documentId: doc.id, index: 0 } })]).catch((e: unknown) => e);
    expect((wrong as DomainError).code).toBe("AI_UNAVAILABLE");
    expect(await db.documentChunk.count({ where: { documentId: doc.id } })).toBe(0);
  });

  it("is a TeamVectorStore bound to one team", async () => {
    const db = await getTenantDb(b.id);
    const team = await store.forTeam({ teamId: b.id, userId: null }, db);
    expect(team).toBeInstanceOf(TeamVectorStore);
    expect(team.teamId).toBe(b.id);
  });
});

describe("chat helpers", () => {
  it("labels passages as document, page and section", () => {
    expect(passageLabel({ documentName: "Handbook.pdf", page: 3, section: "Refunds" })).toBe("Handbook.pdf, p. 3 / Refunds");
    expect(passageLabel({ documentName: "Notes.md", page: null, section: "Intro" })).toBe("Notes.md / Intro");
    expect(passageLabel({ documentName: "Plain.txt", page: null, section: null })).toBe("Plain.txt");
  });

  it("cuts the excerpt around the quoted sentence", () => {
    const filler = "Lorem ipsum dolor sit amet. ".repeat(30);
    const content = `${filler}Refunds are paid within five business days of approval. ${filler}`;
    const excerpt = excerptOf(content, "Refunds are paid within five business days of approval.");
    expect(excerpt).toContain("Refunds are paid within five business days of approval.");
    expect(excerpt.startsWith("…")).toBe(true);
    expect(excerpt.length).toBeLessThanOrEqual(330);
    expect(excerptOf("Short chunk.", "anything")).toBe("Short chunk.");
    expect(excerptOf(content, "Not quoted at all").startsWith("Lorem ipsum")).toBe(true);
  });

  it("has a similarity floor per embedding model", () => {
    expect(similarityFloor("local-hash-768-v1")).toBe(0.05);
    expect(similarityFloor("text-embedding-004")).toBe(0.3);
    expect(similarityFloor("unknown")).toBe(0.2);
  });
});
