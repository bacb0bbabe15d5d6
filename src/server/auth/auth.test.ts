import { beforeAll, describe, expect, it, vi } from "vitest";
import { uniqueSuffix } from "../../../test/factories";
import { getBaseDb } from "../db/client";
import { ConflictError } from "../errors";
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
