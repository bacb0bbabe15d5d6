import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { uniqueSuffix } from "../../../test/factories";
import { getBaseDb } from "../db/client";
import { ConflictError, DomainError } from "../errors";
import { signUp, SIGN_UP_REFUSED } from "../services/account/sign-up";
import { ZSignUpInput } from "../services/account/sign-up.schema";
import { authorizeCredentials } from "./config";
import { BCRYPT_COST, ZPassword } from "./password";

// Lets one test make team creation fail inside the sign-up transaction.
const failTeam = vi.hoisted(() => ({ next: false }));
vi.mock("../services/team/create-team", async (importOriginal) => {
  const original = await importOriginal<typeof import("../services/team/create-team")>();
  return {
    ...original,
    createTeamWithOwner: (...args: Parameters<typeof original.createTeamWithOwner>) => {
      if (failTeam.next) {
        failTeam.next = false;
        return Promise.reject(new Error("team insert failed"));
      }
      return original.createTeamWithOwner(...args);
    },
  };
});

const PASSWORD = "Correct-horse-42";
let email: string;

beforeAll(async () => {
  email = `signup-${uniqueSuffix()}@test.local`;
  await signUp(ZSignUpInput.parse({ name: "Nina Founder", email, password: PASSWORD }));
});

describe("password rules", () => {
  it.each([
    ["short1", "Use at least 10 characters."],
    ["onlyletters", "Use at least one letter and one digit."],
    ["1234567890", "Use at least one letter and one digit."],
    [" padded-pass1 ", "Do not start or end the password with a space."],
    ["a1".repeat(40), "Use at most 72 bytes"],
  ])("refuses %j with a clear message", (password, message) => {
    const result = ZPassword.safeParse(password);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join(" ")).toContain(message);
  });

  it("accepts a reasonable password", () => {
    expect(ZPassword.safeParse("Correct-horse-42").success).toBe(true);
  });
});

describe("sign-up", () => {
  it("creates the user with a bcrypt(12) hash, a team, and makes them its OWNER", async () => {
    const user = await getBaseDb().user.findUniqueOrThrow({
      where: { email },
      select: { passwordHash: true, activeTeamId: true, memberships: { select: { role: true, teamId: true, team: { select: { name: true } } } } },
    });
    expect(user.passwordHash).toMatch(new RegExp(`^\\$2[aby]\\$${BCRYPT_COST}\\$`));
    expect(user.memberships).toHaveLength(1);
    expect(user.memberships[0]).toMatchObject({ role: "OWNER", teamId: user.activeTeamId, team: { name: "Nina's team" } });
  });

  it("normalises the email and refuses a taken one without saying it exists", async () => {
    const again = signUp(ZSignUpInput.parse({ name: "Other", email: email.toUpperCase(), password: "Another-pass-1" }));
    await expect(again).rejects.toBeInstanceOf(ConflictError);
    await expect(again).rejects.toThrow(SIGN_UP_REFUSED);
    expect(SIGN_UP_REFUSED).not.toMatch(/already (exists|registered|taken)/i);
  });

  it("leaves no user behind when creating the team fails", async () => {
    const other = `halfway-${uniqueSuffix()}@test.local`;
    failTeam.next = true;
    await expect(signUp(ZSignUpInput.parse({ name: "Half", email: other, password: PASSWORD }))).rejects.toThrow("team insert failed");
    expect(await getBaseDb().user.findUnique({ where: { email: other } })).toBeNull();
  });
});

describe("sign-up data region", () => {
  const savedRegions = process.env.TENANT_REGIONS;
  afterEach(() => {
    if (savedRegions === undefined) delete process.env.TENANT_REGIONS;
    else process.env.TENANT_REGIONS = savedRegions;
  });

  async function teamRegionOf(userEmail: string) {
    const user = await getBaseDb().user.findUniqueOrThrow({ where: { email: userEmail }, select: { activeTeamId: true } });
    const team = await getBaseDb().team.findUniqueOrThrow({ where: { id: user.activeTeamId ?? "" }, select: { region: true } });
    return team.region;
  }

  it("places the new team in the chosen region", async () => {
    const regional = `region-id-${uniqueSuffix()}@test.local`;
    await signUp(ZSignUpInput.parse({ name: "Intan", email: regional, password: PASSWORD, region: "id" }));
    expect(await teamRegionOf(regional)).toBe("id");
  });

  it("places it in the default region when none is chosen", async () => {
    delete process.env.TENANT_REGIONS;
    const plain = `region-default-${uniqueSuffix()}@test.local`;
    await signUp(ZSignUpInput.parse({ name: "Gina", email: plain, password: PASSWORD }));
    expect(await teamRegionOf(plain)).toBe("global");
  });

  it("refuses an unknown region at the boundary with a clear field message", () => {
    const parsed = ZSignUpInput.safeParse({ name: "Mars", email: `mars-${uniqueSuffix()}@test.local`, password: PASSWORD, region: "mars" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: ["region"], message: "Choose a data region from the list." })]);
  });

  it("refuses a region this installation does not offer, and creates no user or team", async () => {
    process.env.TENANT_REGIONS = "global";
    const refused = `region-refused-${uniqueSuffix()}@test.local`;
    const teamName = `Refused ${uniqueSuffix()}`;
    const attempt = signUp(ZSignUpInput.parse({ name: "Ida", email: refused, password: PASSWORD, teamName, region: "id" }));
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({
      code: "UNPROCESSABLE",
      field: "region",
      message: "The data region id is not offered by this installation.",
    });
    expect(await getBaseDb().user.findUnique({ where: { email: refused } })).toBeNull();
    expect(await getBaseDb().team.count({ where: { name: teamName } })).toBe(0);
  });
});

describe("OAuth accounts", () => {
  it("store the email in lower case, like sign-up", async () => {
    const { authConfig } = await import("./config");
    const adapter = authConfig().adapter;
    const email = `MiXeD-${uniqueSuffix()}@Example.TEST`;
    const user = await adapter?.createUser?.({ id: "", email, emailVerified: null, name: "OAuth User" });
    expect(user?.email).toBe(email.toLowerCase());
  });
});

describe("credentials sign-in", () => {
  it("accepts the right password", async () => {
    await expect(authorizeCredentials({ email, password: PASSWORD })).resolves.toMatchObject({ email });
  });

  it("answers the same for a wrong password and an unknown account", async () => {
    expect(await authorizeCredentials({ email, password: "Wrong-password-1" })).toBeNull();
    expect(await authorizeCredentials({ email: `nobody-${uniqueSuffix()}@test.local`, password: PASSWORD })).toBeNull();
    expect(await authorizeCredentials({ email: "not-an-email", password: PASSWORD })).toBeNull();
    expect(await authorizeCredentials(null)).toBeNull();
  });
});
