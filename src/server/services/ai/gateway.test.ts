import { Embeddings } from "@langchain/core/embeddings";
import { afterEach, describe, expect, it } from "vitest";
import { createTeam, createUser } from "../../../../test/factories";
import { getBaseDb } from "../../db/client";
import { DomainError } from "../../errors";
import { createAiGateway, getAiGateway, setAiGatewayForTests } from "./gateway";
import { createLocalProvider, LOCAL_LABEL } from "./providers/local";
import { hashingEmbedding } from "./providers/local-embeddings";
import { getAiQuota } from "./quota";
import type {
  AiProvider,
  AiProviderId,
  AnswerInput,
  InsightsInput,
  ProviderCallOptions,
  ProviderReply,
  ProviderUsage,
  RuleCheckInput,
} from "./types";

// Personal data that must never reach a provider (a remote model) unmasked.
const EMAIL = "budi.santoso@example.co.id";
const PHONE = "0812-3456-7890";
const NIK = "3201011503900002";
const PII_VALUES = [EMAIL, PHONE, NIK];

class RecordingEmbeddings extends Embeddings {
  readonly seen: string[][] = [];
  constructor() {
    super({});
  }
  async embedDocuments(documents: string[]) {
    this.seen.push([...documents]);
    return documents.map((d) => hashingEmbedding(d));
  }
  async embedQuery(document: string) {
    this.seen.push([document]);
    return hashingEmbedding(document);
  }
}

/**
 * ok: a usable reply; fail: no reply (a connection failure); refused / overloaded:
 * an HTTP 400 / 429 from the service, as Google's client reports it (a `status`);
 * garbage: a reply came and was billed, but it cannot be read; hang: never replies.
 */
type Behaviour = "ok" | "fail" | "refused" | "overloaded" | "garbage" | "hang";

class HttpError extends Error {
  constructor(readonly status: number) {
    super(`[${status}] request failed`);
  }
}

/** A provider that records everything it is sent and answers with what it saw. */
function recordingProvider(id: AiProviderId = "gemini") {
  const sent: unknown[] = [];
  const signals: AbortSignal[] = [];
  const state = { behaviour: "ok" as Behaviour, calls: 0 };
  const embeddings = new RecordingEmbeddings();

  async function behave(input: unknown, options: ProviderCallOptions): Promise<void> {
    state.calls += 1;
    sent.push(input);
    signals.push(options.signal);
    if (state.behaviour === "fail") throw new Error("upstream 503 for key super-secret-key-123 while asked by budi.santoso@example.co.id");
    if (state.behaviour === "refused") throw new HttpError(400);
    if (state.behaviour === "overloaded") throw new HttpError(429);
    if (state.behaviour === "hang") await new Promise(() => undefined);
  }

  /** The reply as a provider hands it over: usage first, reading (which may fail) when the gateway asks. */
  function reply<T>(usage: ProviderUsage, value: () => T): ProviderReply<T> {
    const garbage = state.behaviour === "garbage";
    return {
      usage,
      read: () => {
        if (garbage) throw new Error("The model's reply was not valid JSON.");
        return value();
      },
    };
  }

  const provider: AiProvider = {
    id,
    model: id === "local" ? "local" : "gemini-2.5-flash",
    embeddingModel: id === "local" ? "local-hash-768-v1" : "text-embedding-004",
    label: "Recording fake",
    canReason: true,
    embeddings,
    async answer(input: AnswerInput, options) {
      await behave(input, options);
      return reply({ inputTokens: 1_000, outputTokens: 200 }, () => ({
        // Echoes the (masked) question and a passage so the test sees what unmasking does.
        answer: `You asked: ${input.question} Source: ${input.passages[0]?.text ?? ""}`,
        citedIds: [input.passages[0]?.id ?? "", "not-a-passage"],
        grounded: true,
      }));
    },
    async insights(input: InsightsInput, options) {
      await behave(input, options);
      return reply({ inputTokens: 400, outputTokens: 50 }, () => ({ insights: [`Call the owner: ${JSON.stringify(input.data)}`] }));
    },
    async checkRules(input: RuleCheckInput, options) {
      await behave(input, options);
      return reply({ inputTokens: 300, outputTokens: 30 }, () => ({
        violations: [{ rule: input.rules[0] ?? "", field: "customerEmail", reason: `Seen ${JSON.stringify(input.invoice)}` }],
      }));
    },
  };
  return { provider, sent, signals, state, embeddings };
}

function usageRows(teamId: string) {
  return getBaseDb().aiUsageEvent.findMany({
    where: { teamId },
    select: {
      userId: true,
      feature: true,
      provider: true,
      model: true,
      inputTokens: true,
      outputTokens: true,
      costMicros: true,
      status: true,
      error: true,
      latencyMs: true,
    },
    orderBy: { createdAt: "asc" },
  });
}

async function expectDomainError(promise: Promise<unknown>, code: string): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  return error as DomainError;
}

const QUESTION = `What did ${EMAIL} (phone ${PHONE}, NIK ${NIK}) order?`;
const PASSAGES = [
  { id: "p1", label: "Orders", text: `Customer ${EMAIL} ordered 12 chairs. Call ${PHONE} before delivery.` },
  { id: "p2", label: "KTP", text: `NIK: ${NIK}` },
];

afterEach(() => setAiGatewayForTests(null));

describe("AI gateway: PII never reaches the provider", () => {
  it("masks question, passages and history with one numbering, and unmasks the answer", async () => {
    const team = await createTeam("ai-pii");
    const fake = recordingProvider();
    const gateway = createAiGateway({ provider: fake.provider });
    const result = await gateway.answer(
      { teamId: team.id, userId: team.owner.id },
      { question: QUESTION, passages: PASSAGES, history: [{ role: "user", content: `My number is ${PHONE}` }] },
    );

    const sent = JSON.stringify(fake.sent);
    for (const value of PII_VALUES) expect(sent).not.toContain(value);
    const input = fake.sent[0] as AnswerInput;
    // One numbering: the email in the question and in the passage are the same placeholder.
    expect(input.question).toContain("[REDACTED_EMAIL_1]");
    expect(input.passages[0]?.text).toContain("[REDACTED_EMAIL_1]");
    expect(input.passages[0]?.text).toContain("[REDACTED_PHONE_1]");
    expect(input.history?.[0]?.content).toBe("My number is [REDACTED_PHONE_1]");
    expect(input.passages.map((p) => p.id)).toEqual(["p1", "p2"]);

    // The caller gets the real values back, and only citations of real passages.
    expect(result.answer).toContain(EMAIL);
    expect(result.answer).toContain(PHONE);
    expect(result.answer).toContain(NIK);
    expect(result.answer).not.toContain("REDACTED");
    expect(result.citedIds).toEqual(["p1"]);
    expect(result).toMatchObject({ grounded: true, provider: "gemini", model: "gemini-2.5-flash" });
  });

  it("masks invoice data, rules and digest figures (strings and numbers) and unmasks what comes back", async () => {
    const team = await createTeam("ai-pii-json");
    const fake = recordingProvider();
    const gateway = createAiGateway({ provider: fake.provider });
    const caller = { teamId: team.id, userId: team.owner.id };

    const check = await gateway.checkRules(caller, {
      invoice: { customer: { email: EMAIL, phone: PHONE, nik: Number(NIK) }, total: "1500000.00", lines: [{ description: `Note for ${EMAIL}` }] },
      rules: [`Never invoice ${EMAIL} without a PO`],
    });
    const digest = await gateway.insights(caller, { data: { topCustomer: { email: EMAIL, phone: PHONE }, revenue: 1200 }, count: 3 });

    const sent = JSON.stringify(fake.sent);
    for (const value of PII_VALUES) expect(sent).not.toContain(value);
    expect(sent).toContain("1500000.00");
    expect(sent).toContain("1200");

    if (!check.supported) throw new Error("expected a supported rule check");
    expect(check.violations[0]?.rule).toBe(`Never invoice ${EMAIL} without a PO`);
    expect(check.violations[0]?.reason).toContain(EMAIL);
    expect(check.violations[0]?.reason).toContain(PHONE);
    expect(check.violations[0]?.reason).toContain(NIK);
    expect(digest.insights[0]).toContain(EMAIL);
    expect(digest.insights[0]).toContain(PHONE);
  });

  it("masks texts before remote embeddings but embeds local texts as they are", async () => {
    const team = await createTeam("ai-pii-embed");
    const caller = { teamId: team.id, userId: team.owner.id };
    const remote = recordingProvider("gemini");
    const vectors = await createAiGateway({ provider: remote.provider }).embedDocuments(caller, [QUESTION, "plain text"]);
    expect(vectors).toHaveLength(2);
    expect(vectors[0]).toHaveLength(768);
    const remoteSeen = JSON.stringify(remote.embeddings.seen);
    for (const value of PII_VALUES) expect(remoteSeen).not.toContain(value);
    expect(remoteSeen).toContain("[REDACTED_EMAIL_1]");

    const local = recordingProvider("local");
    await createAiGateway({ provider: local.provider }).embedQuery(caller, QUESTION);
    expect(local.embeddings.seen).toEqual([[QUESTION]]);
  });
});

describe("AI gateway: usage, cost and quota", () => {
  it("records tokens and cost (tokens × price) per team and user; the other team is untouched", async () => {
    const teamA = await createTeam("ai-usage-a");
    const teamB = await createTeam("ai-usage-b");
    const colleague = await createUser("ai-usage-colleague");
    const fake = recordingProvider();
    const gateway = createAiGateway({ provider: fake.provider });

    await gateway.answer({ teamId: teamA.id, userId: teamA.owner.id }, { question: "Q?", passages: PASSAGES });
    await gateway.insights({ teamId: teamA.id, userId: null }, { data: { revenue: 5 }, count: 1 });
    await gateway.answer({ teamId: teamA.id, userId: colleague.id }, { question: "Q2?", passages: PASSAGES });

    const rows = await usageRows(teamA.id);
    expect(rows).toHaveLength(3);
    // gemini-2.5-flash: 0.30 USD / 1M input = 300,000 µUSD, 2.50 USD / 1M output = 2,500,000 µUSD.
    // 1,000 × 300,000 / 1e6 = 300; 200 × 2,500,000 / 1e6 = 500 → 800 µUSD.
    expect(rows[0]).toMatchObject({
      userId: teamA.owner.id,
      feature: "rag-answer",
      provider: "gemini",
      model: "gemini-2.5-flash",
      inputTokens: 1_000,
      outputTokens: 200,
      costMicros: 800n,
      status: "ok",
      error: null,
    });
    // 400 × 0.3 = 120; 50 × 2.5 = 125 → 245 µUSD, a job (no user).
    expect(rows[1]).toMatchObject({ userId: null, feature: "ceo-digest", inputTokens: 400, outputTokens: 50, costMicros: 245n });
    expect(rows[2]).toMatchObject({ userId: colleague.id, costMicros: 800n });

    const quotaA = await getAiQuota(teamA.id);
    expect(quotaA.usedTokens).toBe(1_000 + 200 + 400 + 50 + 1_000 + 200);
    expect(await usageRows(teamB.id)).toEqual([]);
    expect((await getAiQuota(teamB.id)).usedTokens).toBe(0);
  });

  it("refuses with QUOTA_EXCEEDED before calling the provider, naming the cap and the period's reset date", async () => {
    const team = await createTeam("ai-quota");
    const other = await createTeam("ai-quota-other");
    await getBaseDb().team.update({ where: { id: team.id }, data: { aiMonthlyTokenLimit: 1_500 } });
    const now = new Date();
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
    await getBaseDb().aiUsageEvent.createMany({
      data: [
        // Counts: this month, a metered provider.
        { teamId: team.id, feature: "rag-answer", provider: "gemini", model: "gemini-2.5-flash", inputTokens: 1_000, outputTokens: 400, status: "ok" },
        // Does not count: last month, and the local provider (free, never refused).
        { teamId: team.id, feature: "rag-answer", provider: "gemini", model: "gemini-2.5-flash", inputTokens: 90_000, outputTokens: 0, status: "ok", createdAt: lastMonth },
        { teamId: team.id, feature: "embedding", provider: "local", model: "local-hash-768-v1", inputTokens: 90_000, outputTokens: 0, status: "ok" },
      ],
    });
    const fake = recordingProvider();
    const gateway = createAiGateway({ provider: fake.provider });

    // 1,400 of 1,500 used: still allowed (the allowance is checked before, not reserved).
    await gateway.answer({ teamId: team.id, userId: team.owner.id }, { question: "Q?", passages: PASSAGES });
    expect(fake.state.calls).toBe(1);

    const error = await expectDomainError(
      gateway.answer({ teamId: team.id, userId: team.owner.id }, { question: "Q?", passages: PASSAGES }),
      "QUOTA_EXCEEDED",
    );
    expect(fake.state.calls).toBe(1);
    // A team from before billing gets its Starter subscription for the calendar month: the period ends on the 1st.
    const resets = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
    expect(error.message).toContain("2,600 of 1,500 tokens");
    expect(error.message).toContain(resets);
    expect(error.message).toContain("upgrade the plan or raise the limit in Billing settings");
    await expectDomainError(gateway.embedDocuments({ teamId: team.id, userId: null }, ["x"]), "QUOTA_EXCEEDED");
    expect(fake.embeddings.seen).toEqual([]);

    const statuses = (await usageRows(team.id)).map((r) => r.status);
    expect(statuses.filter((s) => s === "quota-exceeded")).toHaveLength(2);

    // The other team has its plan's allowance (Starter) plus its overage as the cap, and is not refused.
    expect(await getAiQuota(other.id)).toMatchObject({ allowanceTokens: 200_000, capTokens: 1_200_000, usedTokens: 0 });
    await gateway.answer({ teamId: other.id, userId: other.owner.id }, { question: "Q?", passages: PASSAGES });
    expect(fake.state.calls).toBe(2);
  });

  it("never refuses the local provider, and records its usage at zero cost", async () => {
    const team = await createTeam("ai-local-usage");
    await getBaseDb().team.update({ where: { id: team.id }, data: { aiMonthlyTokenLimit: 0 } });
    const gateway = createAiGateway({ provider: createLocalProvider() });
    const caller = { teamId: team.id, userId: team.owner.id };
    const vectors = await gateway.embedDocuments(caller, ["Refunds are accepted within 30 days.", "Office hours"]);
    expect(vectors).toHaveLength(2);
    const answer = await gateway.answer(caller, {
      question: "Within how many days are refunds accepted?",
      passages: [{ id: "c1", label: "Policy", text: "Refunds are accepted within 30 days." }],
    });
    expect(answer).toMatchObject({ grounded: true, citedIds: ["c1"], provider: "local", model: "local" });
    expect(await gateway.checkRules(caller, { invoice: {}, rules: ["x"] })).toEqual({ supported: false, provider: "local", model: "local" });

    const rows = await usageRows(team.id);
    expect(rows.map((r) => [r.feature, r.provider, r.status, r.costMicros])).toEqual([
      ["embedding", "local", "ok", 0n],
      ["rag-answer", "local", "ok", 0n],
    ]);
    // "Refunds are accepted within 30 days." is 36 characters → 9 tokens; "Office hours" 12 → 3.
    expect(rows[0]?.inputTokens).toBe(12);
    expect(gateway.embeddingModel()).toBe("local-hash-768-v1");
    expect(gateway.status()).toEqual({ provider: "local", label: LOCAL_LABEL, canReason: false, available: true, retryAt: null });
  });
});

describe("AI gateway: failures degrade, never break", () => {
  it("turns a provider failure into AI_UNAVAILABLE and records the error without secrets or PII", async () => {
    const team = await createTeam("ai-fail");
    const fake = recordingProvider();
    fake.state.behaviour = "fail";
    const gateway = createAiGateway({ provider: fake.provider, secrets: ["super-secret-key-123"] });
    const error = await expectDomainError(
      gateway.answer({ teamId: team.id, userId: team.owner.id }, { question: "Q?", passages: PASSAGES }),
      "AI_UNAVAILABLE",
    );
    expect(error.message).not.toContain("secret");
    const [row] = await usageRows(team.id);
    expect(row).toMatchObject({ status: "error", inputTokens: 0, outputTokens: 0, costMicros: 0n });
    expect(row?.error).toContain("upstream 503");
    expect(row?.error).not.toContain("super-secret-key-123");
    expect(row?.error).not.toContain(EMAIL);
  });

  it("gives up on a provider that never replies, aborts its signal and records a timeout", async () => {
    const team = await createTeam("ai-timeout");
    const fake = recordingProvider();
    fake.state.behaviour = "hang";
    const gateway = createAiGateway({ provider: fake.provider, timeoutMs: 100 });
    // The provider never settles: only the gateway's own timeout can end this call.
    const error = await expectDomainError(
      gateway.answer({ teamId: team.id, userId: team.owner.id }, { question: "Q?", passages: PASSAGES }),
      "AI_UNAVAILABLE",
    );
    expect(error.message).toContain("took too long");
    expect(fake.signals[0]?.aborted).toBe(true);
    expect(fake.signals[0]?.reason).toMatchObject({ name: "AiTimeoutError" });
    const [row] = await usageRows(team.id);
    expect(row).toMatchObject({ status: "timeout", inputTokens: 0, outputTokens: 0, error: "AiTimeoutError: No reply within 100 ms." });
  });

  it("records the billed tokens of a reply that cannot be used, and keeps the breaker closed", async () => {
    const team = await createTeam("ai-garbage");
    const other = await createTeam("ai-garbage-other");
    const caller = { teamId: team.id, userId: team.owner.id };
    const fake = recordingProvider();
    fake.state.behaviour = "garbage";
    const gateway = createAiGateway({ provider: fake.provider, failureThreshold: 3 });

    const unusable = [
      () => gateway.answer(caller, { question: "Q?", passages: PASSAGES }),
      () => gateway.answer(caller, { question: "Q?", passages: PASSAGES }),
      () => gateway.insights(caller, { data: { revenue: 5 }, count: 1 }),
      () => gateway.checkRules(caller, { invoice: { total: "1.00" }, rules: ["x"] }),
      () => gateway.answer(caller, { question: "Q?", passages: PASSAGES }),
    ];
    for (const ask of unusable) {
      const error = await expectDomainError(ask(), "AI_UNAVAILABLE");
      expect(error.message).toContain("could not be used");
    }
    // Five bad replies from a service that is up: more than the threshold, and still closed.
    expect(fake.state.calls).toBe(5);
    expect(gateway.status()).toMatchObject({ available: true, retryAt: null });

    const rows = await usageRows(team.id);
    expect(rows.map((r) => [r.feature, r.status, r.inputTokens, r.outputTokens, r.costMicros])).toEqual([
      ["rag-answer", "error", 1_000, 200, 800n],
      ["rag-answer", "error", 1_000, 200, 800n],
      ["ceo-digest", "error", 400, 50, 245n],
      // 300 × 0.3 = 90; 30 × 2.5 = 75 → 165 µUSD.
      ["invoice-precheck", "error", 300, 30, 165n],
      ["rag-answer", "error", 1_000, 200, 800n],
    ]);
    expect(rows.every((r) => r.error?.includes("not valid JSON"))).toBe(true);
    // What was billed counts against the allowance.
    expect((await getAiQuota(team.id)).usedTokens).toBe(3 * 1_200 + 450 + 330);
    expect(await usageRows(other.id)).toEqual([]);

    fake.state.behaviour = "ok";
    await expect(gateway.answer(caller, { question: "Q?", passages: PASSAGES })).resolves.toMatchObject({ grounded: true });
  });

  it("opens the breaker for an overloaded service (429) but not for a refused request (400)", async () => {
    const team = await createTeam("ai-http-status");
    const caller = { teamId: team.id, userId: team.owner.id };
    const fake = recordingProvider();
    const gateway = createAiGateway({ provider: fake.provider, failureThreshold: 3 });
    const ask = () => gateway.answer(caller, { question: "Q?", passages: PASSAGES });

    fake.state.behaviour = "refused";
    for (let i = 0; i < 5; i += 1) await expectDomainError(ask(), "AI_UNAVAILABLE");
    expect(gateway.status().available).toBe(true);

    fake.state.behaviour = "overloaded";
    for (let i = 0; i < 3; i += 1) await expectDomainError(ask(), "AI_UNAVAILABLE");
    expect(gateway.status().available).toBe(false);
    expect(fake.state.calls).toBe(8);
    expect((await usageRows(team.id)).map((r) => r.status)).toEqual(Array(8).fill("error"));
  });

  it("opens the breaker after 3 failures, fails fast while open, and recovers through one half-open trial", async () => {
    const team = await createTeam("ai-breaker");
    const caller = { teamId: team.id, userId: team.owner.id };
    const fake = recordingProvider();
    fake.state.behaviour = "fail";
    let clock = Date.now();
    const gateway = createAiGateway({ provider: fake.provider, now: () => clock, failureThreshold: 3, cooldownMs: 30_000 });
    // Each call a millisecond later, so the usage rows sort in call order.
    const ask = () => {
      clock += 1;
      return gateway.answer(caller, { question: "Q?", passages: PASSAGES });
    };

    for (let i = 0; i < 2; i += 1) await expectDomainError(ask(), "AI_UNAVAILABLE");
    expect(gateway.status().available).toBe(true);
    await expectDomainError(ask(), "AI_UNAVAILABLE");
    const openedAt = clock;
    expect(fake.state.calls).toBe(3);
    expect(gateway.status()).toMatchObject({ available: false, retryAt: new Date(openedAt + 30_000).toISOString() });

    // Open: no call reaches the provider, even one that would now succeed.
    fake.state.behaviour = "ok";
    const open = await expectDomainError(ask(), "AI_UNAVAILABLE");
    expect(open.message).toContain("30 seconds");
    expect(fake.state.calls).toBe(3);
    clock = openedAt + 29_000;
    await expectDomainError(ask(), "AI_UNAVAILABLE");
    expect(fake.state.calls).toBe(3);

    // Half-open after the cooldown: the trial succeeds and closes the breaker.
    clock = openedAt + 30_000;
    expect(gateway.status()).toMatchObject({ available: true, retryAt: null });
    await expect(ask()).resolves.toMatchObject({ grounded: true });
    await expect(ask()).resolves.toMatchObject({ grounded: true });
    expect(fake.state.calls).toBe(5);

    const statuses = (await usageRows(team.id)).map((r) => r.status);
    expect(statuses).toEqual(["error", "error", "error", "circuit-open", "circuit-open", "ok", "ok"]);
  });
});

describe("getAiGateway", () => {
  it("serves the test override and then the configured gateway again", async () => {
    const fake = recordingProvider();
    const override = createAiGateway({ provider: fake.provider });
    setAiGatewayForTests(override);
    expect(getAiGateway()).toBe(override);
    setAiGatewayForTests(null);
    expect(getAiGateway()).not.toBe(override);
    // Without GOOGLE_API_KEY the configured provider is the local one.
    if (!process.env.GOOGLE_API_KEY) expect(getAiGateway().status().provider).toBe("local");
  });
});
