import { describe, expect, it } from "vitest";
import { createLocalProvider, extractiveAnswer, NOT_FOUND_ANSWER, questionLanguage, ruleBasedInsights, splitSentences } from "./providers/local";
import { cosineSimilarity, hashingEmbedding, LocalHashEmbeddings, normalizeWords } from "./providers/local-embeddings";
import { EMBEDDING_DIMENSIONS } from "./types";

const norm = (v: number[]) => Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));
const signal = () => new AbortController().signal;

describe("local hashing embeddings", () => {
  const embeddings = new LocalHashEmbeddings();

  it("are deterministic, 768-dimensional and unit length, for queries and documents alike", async () => {
    const text = "Invoices are due within 30 days of issue.";
    const [doc, other] = await embeddings.embedDocuments([text, "Kantor buka hari Senin."]);
    const query = await embeddings.embedQuery(text);
    expect(doc).toHaveLength(EMBEDDING_DIMENSIONS);
    expect(query).toEqual(doc);
    expect(await new LocalHashEmbeddings().embedQuery(text)).toEqual(query);
    for (const v of [doc ?? [], other ?? [], await embeddings.embedQuery(""), await embeddings.embedQuery("!!!")]) {
      expect(norm(v)).toBeCloseTo(1, 10);
    }
  });

  it("keep their hashing stable (stored vectors must stay comparable across releases)", () => {
    // unigrams "refund" and "policy" weigh 1, their bigram 0.5; unit length → 2/3, 2/3, 1/3.
    const v = hashingEmbedding("Refund policy");
    const nonZero = v.flatMap((x, i) => (x === 0 ? [] : [[i, Math.round(x * 1e6) / 1e6]]));
    expect(nonZero).toEqual([
      [199, -0.666667],
      [423, -0.333333],
      [736, -0.666667],
    ]);
  });

  it("place similar texts closer than unrelated ones, in English and Indonesian", () => {
    const e = (t: string) => hashingEmbedding(t);
    const en = e("The invoice is due in 30 days");
    expect(cosineSimilarity(en, e("Invoices are due within 30 days"))).toBeGreaterThan(cosineSimilarity(en, e("The cat sat on the mat")) + 0.3);
    const id = e("Faktur jatuh tempo dalam 30 hari");
    expect(cosineSimilarity(id, e("Fakturnya jatuh tempo 30 hari setelah dikirim"))).toBeGreaterThan(
      cosineSimilarity(id, e("Kucing tidur di atas kasur")) + 0.3,
    );
  });

  it("normalise case, accents, scripts and a few endings", () => {
    expect(normalizeWords("Café RÉSUMÉ invoices Fakturnya, 2026!")).toEqual(["cafe", "resume", "invoice", "faktur", "2026"]);
    expect(normalizeWords("東京 Москва")).toEqual(["東京", "москва"]);
  });
});

const PASSAGES = [
  {
    id: "refunds",
    label: "Refund policy",
    text: "Our refund policy is simple. Customers can request a refund within 30 days of purchase. Refunds are paid back to the original card within 5 working days.",
  },
  { id: "office", label: "Office", text: "The office is open Monday to Friday from 9 am to 5 pm.\nParking is available in the basement." },
  {
    id: "garansi",
    label: "Garansi",
    text: "Garansi produk berlaku selama 12 bulan sejak tanggal pembelian. Klaim garansi diajukan melalui email ke layanan pelanggan.",
  },
  { id: "kantor", label: "Kantor", text: "Kantor buka setiap hari Senin sampai Jumat pukul 08.00 sampai 17.00." },
];

describe("local extractive answers", () => {
  it("answer from the passages with the sentence that covers the question, citing where it came from", () => {
    const result = extractiveAnswer({ question: "How many days do customers have to request a refund?", passages: PASSAGES });
    expect(result).toEqual({ answer: "Customers can request a refund within 30 days of purchase.", citedIds: ["refunds"], grounded: true });
    expect(extractiveAnswer({ question: "When is the office open?", passages: PASSAGES }).citedIds).toEqual(["office"]);
  });

  it("answer Indonesian questions from Indonesian passages", () => {
    const result = extractiveAnswer({ question: "Berapa lama masa garansi produk?", passages: PASSAGES });
    expect(result.grounded).toBe(true);
    expect(result.citedIds).toEqual(["garansi"]);
    expect(result.answer).toContain("12 bulan");
    expect(extractiveAnswer({ question: "Jam berapa kantor buka?", passages: PASSAGES }).citedIds).toEqual(["kantor"]);
  });

  it("say so, in the question's language, when the documents do not contain the answer", () => {
    expect(extractiveAnswer({ question: "What is the capital of France?", passages: PASSAGES })).toEqual({
      answer: NOT_FOUND_ANSWER.en,
      citedIds: [],
      grounded: false,
    });
    expect(extractiveAnswer({ question: "What is our policy on unicorn grooming?", passages: PASSAGES }).grounded).toBe(false);
    expect(extractiveAnswer({ question: "Siapa presiden pertama Amerika Serikat?", passages: PASSAGES })).toEqual({
      answer: NOT_FOUND_ANSWER.id,
      citedIds: [],
      grounded: false,
    });
    expect(extractiveAnswer({ question: "Refund?", passages: [] }).grounded).toBe(false);
    expect(questionLanguage("Apakah ada diskon untuk pelanggan baru?")).toBe("id");
    expect(questionLanguage("Is there a discount for new customers?")).toBe("en");
  });

  it("split sentences without breaking amounts or abbreviations followed by numbers", () => {
    expect(splitSentences("Harga Rp. 500.000 per unit. Diskon 10% untuk anggota.\nCatatan: lihat lampiran")).toEqual([
      "Harga Rp. 500.000 per unit.",
      "Diskon 10% untuk anggota.",
      "Catatan: lihat lampiran",
    ]);
    const long = splitSentences("word ".repeat(200));
    expect(long.length).toBeGreaterThan(1);
    expect(long.every((s) => s.length <= 400)).toBe(true);
  });
});

describe("local rule-based insights", () => {
  const data = {
    date: "2026-11-23",
    revenue: { today: "1250000.00", yesterday: "1000000.00" },
    invoicesIssuedToday: 4,
    invoicesIssuedYesterday: 6,
    invoices: { overdue: { count: 3, total: "4500000.00" } },
    topCustomer: { name: "PT Maju Jaya", revenue: "2000000.00" },
    newCustomers: 2,
  };

  it("compare with the previous period (largest change first), then overdue, then leaders, then the rest", () => {
    expect(ruleBasedInsights(data, 10)).toEqual([
      "Invoices issued is down 33.3%: 4 against 6 the previous period.",
      "Revenue is up 25.0%: 1,250,000 against 1,000,000 the previous period.",
      "Overdue: invoices count 3, invoices total 4,500,000.",
      "Top customer: PT Maju Jaya (revenue 2,000,000).",
      "New customers: 2.",
    ]);
    expect(ruleBasedInsights(data, 2)).toHaveLength(2);
  });

  it("say when nothing is overdue and when there are no figures", () => {
    expect(ruleBasedInsights({ overdueInvoices: 0, overdueAmount: "0.00" }, 3)).toEqual(["Nothing is overdue."]);
    expect(ruleBasedInsights({ note: "quiet day" }, 3)).toEqual(["There were no figures to analyse for this period."]);
  });
});

describe("local provider", () => {
  it("is labelled, cannot reason, refuses rule checks and reports estimated usage", async () => {
    const provider = createLocalProvider();
    expect(provider).toMatchObject({ id: "local", canReason: false, label: "Local (extractive, no model)", model: "local" });
    await expect(provider.checkRules({ invoice: {}, rules: ["x"] }, { signal: signal() })).rejects.toThrow(/cannot check/);
    const reply = await provider.answer({ question: "When is the office open?", passages: PASSAGES }, { signal: signal() });
    expect(reply.usage.inputTokens).toBeGreaterThan(50);
    expect(reply.usage.outputTokens).toBe(Math.ceil("The office is open Monday to Friday from 9 am to 5 pm.".length / 4));
    expect(reply.read().answer).toBe("The office is open Monday to Friday from 9 am to 5 pm.");
    const aborted = new AbortController();
    aborted.abort();
    await expect(provider.insights({ data: { a: 1 }, count: 1 }, { signal: aborted.signal })).rejects.toThrow();
  });
});
