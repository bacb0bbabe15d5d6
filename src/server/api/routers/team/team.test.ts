import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { addMember, callerFor, createTeam, createUser } from "../../../../../test/factories";

describe("team router", () => {
  it("creates a team owned by the caller and lists it among their teams", async () => {
    const user = await createUser("founder");
    const api = callerFor(user);
    const team = await api.team.create({ name: "  Second venture " });
    const teams = await api.team.list();
    expect(teams).toEqual([expect.objectContaining({ id: team.id, name: "Second venture", role: "OWNER" })]);
    const current = await callerFor(user, team.id).team.current();
    expect(current).toMatchObject({ team: { id: team.id, tier: "SHARED" }, role: "OWNER" });
    expect(current.permissions).toContain("billing:manage");
  });

  it("refuses a too short name with a field error", async () => {
    const error = await callerFor(await createUser("short")).team.create({ name: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
  });

  it("gives a user without any team a clear not-found, not a crash", async () => {
    const loner = await createUser("loner");
    const error = await callerFor(loner).project.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("NOT_FOUND");
    expect((error as TRPCError).message).toBe("A team for your account was not found.");
  });

  it("lists the members of the current team only", async () => {
    const a = await createTeam("members-a");
    const b = await createTeam("members-b");
    const staff = await addMember(a.id, "STAFF");
    const members = await callerFor(staff, a.id).team.members();
    expect(members.map((m) => m.id).sort()).toEqual([a.owner.id, staff.id].sort());
    expect(members.map((m) => m.id)).not.toContain(b.owner.id);
  });
});
