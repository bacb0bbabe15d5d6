import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { addMember, callerFor, createTeam, createUser, type TestTeam } from "../../../../../test/factories";
import { getBaseDb } from "@/server/db/client";
import { acceptInvitation, findInvitationByToken } from "@/server/services/team/invitations";

let a: TestTeam;
let b: TestTeam;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => "OK",
    (error: unknown) => (error instanceof TRPCError ? error.code : error instanceof Error ? error.name : String(error)),
  );
}

/** The token of the newest invitation email to `email`, as its recipient would click it. */
async function tokenFor(email: string): Promise<string> {
  const mail = await getBaseDb().emailMessage.findFirst({ where: { to: email, kind: "invitation" }, orderBy: { createdAt: "desc" } });
  const token = mail?.text.match(/\/invite\/([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no invitation email to ${email}`);
  return token;
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTeam("invite-a"), createTeam("invite-b")]);
});

describe("invitations", () => {
  it("invites by email with a role; the invitee accepts once and joins", async () => {
    const invitee = await createUser("invitee");
    const api = callerFor(a.owner, a.id);
    const invitation = await api.invitation.create({ email: invitee.email.toUpperCase(), role: "MANAGER" });
    expect(invitation).toMatchObject({ email: invitee.email, role: "MANAGER", state: "PENDING" });
    const token = await tokenFor(invitee.email);
    expect(await getBaseDb().invitation.findFirst({ where: { tokenHash: token } })).toBeNull();
    expect(await findInvitationByToken(token)).toMatchObject({ state: "PENDING", team: { name: "invite-a" } });

    await expect(acceptInvitation(token, invitee)).resolves.toMatchObject({ teamId: a.id, role: "MANAGER" });
    expect(await callerFor(invitee, a.id).team.current()).toMatchObject({ role: "MANAGER", team: { id: a.id } });
    expect(await codeOf(acceptInvitation(token, invitee))).toBe("ConflictError");
    expect((await api.invitation.list()).find((i) => i.id === invitation.id)?.state).toBe("ACCEPTED");
    const joined = await api.notification.list();
    expect(joined.items.some((n) => n.type === "member.joined")).toBe(true);
  });

  it("only lets the invited address accept", async () => {
    const invited = await createUser("invited");
    const other = await createUser("other");
    await callerFor(a.owner, a.id).invitation.create({ email: invited.email });
    const token = await tokenFor(invited.email);
    expect(await codeOf(acceptInvitation(token, other))).toBe("ValidationError");
    expect(await findInvitationByToken(token)).toMatchObject({ state: "PENDING" });
  });

  it("refuses expired, revoked and replaced links", async () => {
    const api = callerFor(a.owner, a.id);
    const late = await createUser("late");
    const invitation = await api.invitation.create({ email: late.email });
    const oldToken = await tokenFor(late.email);
    await api.invitation.resend({ id: invitation.id });
    const newToken = await tokenFor(late.email);
    expect(newToken).not.toBe(oldToken);
    expect(await findInvitationByToken(oldToken)).toBeNull();
    await getBaseDb().invitation.update({ where: { id: invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await codeOf(acceptInvitation(newToken, late))).toBe("ConflictError");

    const revoked = await createUser("revoked");
    const second = await api.invitation.create({ email: revoked.email });
    await api.invitation.delete({ id: second.id });
    expect(await codeOf(acceptInvitation(await tokenFor(revoked.email), revoked))).toBe("ConflictError");
    expect(await codeOf(acceptInvitation("not-a-real-token-but-long-enough", revoked))).toBe("NotFoundError");
  });

  it("refuses duplicates, members, and owner invitations from admins", async () => {
    const api = callerFor(a.owner, a.id);
    const dup = await createUser("dup");
    await api.invitation.create({ email: dup.email });
    expect(await codeOf(api.invitation.create({ email: dup.email }))).toBe("CONFLICT");
    expect(await codeOf(api.invitation.create({ email: a.owner.email }))).toBe("CONFLICT");
    expect(await codeOf(api.invitation.create({ email: "not an email" }))).toBe("BAD_REQUEST");
    const admin = await addMember(a.id, "ADMIN");
    expect(await codeOf(callerFor(admin, a.id).invitation.create({ email: "boss@test.local", role: "OWNER" }))).toBe("FORBIDDEN");
    const staff = await addMember(a.id, "STAFF");
    expect(await codeOf(callerFor(staff, a.id).invitation.create({ email: "x@test.local" }))).toBe("FORBIDDEN");
  });

  it("ties invitations to their sender's authority", async () => {
    const team = await createTeam("invite-authority");
    const admin = await addMember(team.id, "ADMIN");
    const ownerApi = callerFor(team.owner, team.id);
    const ownerInvite = await ownerApi.invitation.create({ email: `future-owner-${Date.now()}@test.local`, role: "OWNER" });
    expect(await codeOf(callerFor(admin, team.id).invitation.resend({ id: ownerInvite.id }))).toBe("FORBIDDEN");
    const fromAdmin = await callerFor(admin, team.id).invitation.create({ email: `friend-${Date.now()}@test.local` });
    await ownerApi.team.updateMember({ id: admin.id, data: { role: "STAFF" } });
    expect((await ownerApi.invitation.list()).find((i) => i.id === fromAdmin.id)?.state).toBe("REVOKED");
    const admin2 = await addMember(team.id, "ADMIN");
    const fromAdmin2 = await callerFor(admin2, team.id).invitation.create({ email: `pal-${Date.now()}@test.local` });
    await ownerApi.team.removeMember({ id: admin2.id });
    expect((await ownerApi.invitation.list()).find((i) => i.id === fromAdmin2.id)?.state).toBe("REVOKED");
  });

  it("keeps each team's invitations to itself", async () => {
    const api = callerFor(a.owner, a.id);
    const someone = await createUser("someone");
    const invitation = await api.invitation.create({ email: someone.email });
    const other = callerFor(b.owner, b.id);
    expect((await other.invitation.list()).map((i) => i.id)).not.toContain(invitation.id);
    expect(await codeOf(other.invitation.delete({ id: invitation.id }))).toBe("NOT_FOUND");
    expect(await codeOf(other.invitation.resend({ id: invitation.id }))).toBe("NOT_FOUND");
  });
});

describe("team members", () => {
  it("changes roles and removes members, keeping an owner", async () => {
    const team = await createTeam("members-admin");
    const api = callerFor(team.owner, team.id);
    const staff = await addMember(team.id, "STAFF");
    await expect(api.team.updateMember({ id: staff.id, data: { role: "ADMIN" } })).resolves.toMatchObject({ role: "ADMIN" });
    expect((await callerFor(staff, team.id).team.current()).role).toBe("ADMIN");
    expect(await codeOf(api.team.updateMember({ id: team.owner.id, data: { role: "ADMIN" } }))).toBe("CONFLICT");
    expect(await codeOf(callerFor(staff, team.id).team.removeMember({ id: team.owner.id }))).toBe("FORBIDDEN");
    await api.team.removeMember({ id: staff.id });
    expect(await codeOf(callerFor(staff, team.id).project.list())).toBe("NOT_FOUND");
  });
});
