import { describe, expect, it } from "vitest";
import { addMember, callerFor, createTeam } from "../../../../test/factories";
import { getBaseDb } from "../../db/client";
import { chooseIntent, inviteDuringOnboarding, onboardingState, saveProfile, skipOnboarding } from "./onboarding";

describe("onboarding", () => {
  it("walks profile → invite → intent, and project management gets a sample project", async () => {
    const team = await createTeam("onboard");
    const id = team.owner.id;
    expect(await onboardingState(id)).toMatchObject({ status: "in-progress", step: "profile", canInvite: true });
    await saveProfile(id, "Olivia");
    expect(await onboardingState(id)).toMatchObject({ step: "invite" });
    expect(await inviteDuringOnboarding(id, team.id, ["new-one@test.local", "new-one@test.local"])).toBe(1);
    expect(await onboardingState(id)).toMatchObject({ step: "intent" });
    const { sampleProjectId } = await chooseIntent(id, team.id, "project-management");
    expect(sampleProjectId).not.toBeNull();
    expect(await onboardingState(id)).toEqual({ status: "done" });
    const board = await callerFor(team.owner, team.id).task.board({ projectId: sampleProjectId ?? "" });
    expect(board.tasks.map((t) => t.title)).toContain("Drag this task to In progress");
    expect(await getBaseDb().user.findUnique({ where: { id }, select: { intent: true, name: true } })).toEqual({ intent: "project-management", name: "Olivia" });
  });

  it("skips the invite step for members who cannot invite, and records a skip", async () => {
    const team = await createTeam("onboard-staff");
    const staff = await addMember(team.id, "STAFF");
    await getBaseDb().user.update({ where: { id: staff.id }, data: { activeTeamId: team.id, onboardingStep: "invite" } });
    expect(await onboardingState(staff.id)).toMatchObject({ step: "intent", canInvite: false });
    expect((await chooseIntent(staff.id, team.id, "project-management")).sampleProjectId).toBeNull();

    const other = await createTeam("onboard-skip");
    await skipOnboarding(other.owner.id);
    expect(await onboardingState(other.owner.id)).toEqual({ status: "done" });
    expect((await getBaseDb().user.findUniqueOrThrow({ where: { id: other.owner.id } })).onboardingSkippedAt).toBeInstanceOf(Date);
  });
});
