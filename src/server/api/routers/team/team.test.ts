import { TRPCError } from "@trpc/server";
import { afterEach, describe, expect, it } from "vitest";
import { addMember, callerFor, createTeam, createUser, uniqueSuffix } from "../../../../../test/factories";
import { getBaseDb } from "../../../db/client";
import { DomainError } from "../../../errors";
import { createTeamForUser } from "../../../services/team/create-team";
import { ZCreateTeamInput } from "./create.schema";

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

  it("creates another team in the chosen data region, else in the default one", async () => {
    const user = await createUser("regional");
    const api = callerFor(user);
    const chosen = await api.team.create({ name: "Jakarta office", region: "id" });
    const plain = await api.team.create({ name: "Head office" });
    const regions = await getBaseDb().team.findMany({ where: { id: { in: [chosen.id, plain.id] } }, select: { id: true, region: true } });
    expect(Object.fromEntries(regions.map((team) => [team.id, team.region]))).toEqual({ [chosen.id]: "id", [plain.id]: "global" });
  });

  describe("an unoffered data region", () => {
    const savedRegions = process.env.TENANT_REGIONS;
    afterEach(() => {
      if (savedRegions === undefined) delete process.env.TENANT_REGIONS;
      else process.env.TENANT_REGIONS = savedRegions;
    });

    it("is refused with a clear 422 and creates no team", async () => {
      process.env.TENANT_REGIONS = "global";
      const name = `Not offered ${uniqueSuffix()}`;
      const error = await callerFor(await createUser("unoffered")).team.create({ name, region: "id" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe("UNPROCESSABLE_CONTENT");
      expect((error as TRPCError).message).toBe("The data region id is not offered by this installation.");
      expect(await getBaseDb().team.count({ where: { name } })).toBe(0);
    });

    it("refuses an unknown region at the boundary and in the service", async () => {
      const user = await createUser("martian");
      const name = `Mars base ${uniqueSuffix()}`;
      const boundary = ZCreateTeamInput.safeParse({ name, region: "mars" });
      expect(boundary.error?.issues).toEqual([expect.objectContaining({ path: ["region"], message: "Choose a data region from the list." })]);
      const service = await createTeamForUser(user.id, name, "mars").catch((e: unknown) => e);
      expect(service).toBeInstanceOf(DomainError);
      expect(service).toMatchObject({ field: "region", message: "The data region mars is not offered by this installation." });
      expect(await getBaseDb().team.count({ where: { name } })).toBe(0);
    });
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
