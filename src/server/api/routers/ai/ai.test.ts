import { afterEach, describe, expect, it } from "vitest";
import { callerFor, createTeam, createUser } from "../../../../../test/factories";
import { createAiGateway, setAiGatewayForTests } from "@/server/services/ai/gateway";
import { createLocalProvider, LOCAL_LABEL } from "@/server/services/ai/providers/local";

afterEach(() => setAiGatewayForTests(null));

describe("ai.status", () => {
  it("tells a team member which AI answers and whether it is available", async () => {
    const team = await createTeam("ai-status");
    setAiGatewayForTests(createAiGateway({ provider: createLocalProvider() }));
    expect(await callerFor(team.owner, team.id).ai.status()).toEqual({
      provider: "local",
      label: LOCAL_LABEL,
      canReason: false,
      available: true,
      retryAt: null,
    });
  });

  it("reports the breaker: unavailable with a retry time after repeated failures", async () => {
    const team = await createTeam("ai-status-open");
    const clock = 1_800_000_000_000;
    const provider = createLocalProvider();
    const failing = { ...provider, answer: async () => Promise.reject(new Error("down")) };
    const gateway = createAiGateway({ provider: failing, now: () => clock, failureThreshold: 1, cooldownMs: 60_000 });
    await expect(gateway.answer({ teamId: team.id, userId: team.owner.id }, { question: "Q?", passages: [] })).rejects.toMatchObject({
      code: "AI_UNAVAILABLE",
    });
    setAiGatewayForTests(gateway);
    expect(await callerFor(team.owner, team.id).ai.status()).toMatchObject({
      available: false,
      retryAt: new Date(clock + 60_000).toISOString(),
    });
  });

  it("needs a signed-in member of the team", async () => {
    const team = await createTeam("ai-status-auth");
    const stranger = await createUser("ai-status-stranger");
    await expect(callerFor(null).ai.status()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    // Not a member: the team is not revealed.
    await expect(callerFor(stranger, team.id).ai.status()).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
