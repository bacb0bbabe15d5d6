import { randomBytes } from "node:crypto";
import IORedis from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTeam, uniqueSuffix } from "../../../test/factories";
import { getBaseDb } from "../db/client";
import { getTenantDb } from "../db/get-tenant-db";
import { translateMessage } from "../i18n/translate";
import {
  BRUTE_FORCE_CONFIG,
  createBruteForceGuard,
  createRedisStore,
  setBruteForceGuardForTests,
  SignUpThrottledError,
} from "../security/brute-force";
import { SIGN_IN_LOCKOUT_EMAIL_KIND, SIGN_IN_LOCKOUT_TYPE } from "../services/account/sign-in-lockout";
import { signUp } from "../services/account/sign-up";
import { ZSignUpInput } from "../services/account/sign-up.schema";
import { authorizeCredentials } from "./config";
import { hashPassword } from "./password";
import { SignInThrottledError } from "./sign-in-throttled";

// Counts bcrypt comparisons: a refused attempt must spend the same hashing work as a real check.
const bcryptCalls = vi.hoisted(() => ({ compare: 0 }));
vi.mock("bcryptjs", async (importOriginal) => {
  const original = await importOriginal<typeof import("bcryptjs")>();
  const compare = (password: string, hash: string) => {
    bcryptCalls.compare++;
    return original.default.compare(password, hash);
  };
  return { ...original, default: { ...original.default, compare } };
});

const REDIS_URL = "redis://127.0.0.1:6379";
const prefix = `bf-auth-test-${randomBytes(4).toString("hex")}`;
const store = createRedisStore(REDIS_URL, { timeoutMs: 2000 });
const PASSWORD = "Correct-horse-42";

let ipSerial = 0;
/** A request from its own address, so tests do not share the per-address counter. */
function requestFrom(ip = `203.0.113.${++ipSerial}`): Request {
  return new Request("http://test/api/auth/callback/credentials", { method: "POST", headers: { "x-forwarded-for": `${ip}, 10.0.0.1` } });
}

async function accountWithPassword() {
  const team = await createTeam("bf");
  await getBaseDb().user.update({ where: { id: team.owner.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
  return team;
}

async function failTimes(email: string, times: number, request: Request) {
  for (let i = 0; i < times; i++) expect(await authorizeCredentials({ email, password: `Wrong-pass-${i}x` }, request)).toBeNull();
}

/** The error an attempt was refused with (it must be refused). */
async function refusal(attempt: Promise<unknown>): Promise<SignInThrottledError> {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SignInThrottledError);
  return error as SignInThrottledError;
}

beforeAll(() => {
  setBruteForceGuardForTests(
    createBruteForceGuard({ store, prefix, config: { ...BRUTE_FORCE_CONFIG, accountMaxFailures: 3, ipMaxFailures: 6, signUpMaxPerIp: 2 } }),
  );
});

beforeEach(() => {
  bcryptCalls.compare = 0;
});

afterAll(async () => {
  setBruteForceGuardForTests(null);
  await store.close?.();
  const redis = new IORedis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

describe("credentials sign-in under brute-force protection", () => {
  it("locks after N failures and refuses even the right password, without checking it", async () => {
    const { owner } = await accountWithPassword();
    await failTimes(owner.email, 3, requestFrom());
    bcryptCalls.compare = 0;
    const error = await refusal(authorizeCredentials({ email: owner.email, password: PASSWORD }, requestFrom()));
    expect(error.code).toBe("too_many_attempts");
    expect(error.retryAfterSeconds).toBeGreaterThan(14 * 60);
    // No comparison at all while locked: neither the real hash nor any work an attacker could use to load the server.
    expect(bcryptCalls.compare).toBe(0);
  });

  it("judges at most N of many attempts sent at once: the rest are refused before any password check", async () => {
    const { owner } = await accountWithPassword();
    bcryptCalls.compare = 0;
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => authorizeCredentials({ email: owner.email, password: `Wrong-pass-${i}x` }, requestFrom(`10.9.0.${i + 1}`))),
    );
    const judged = attempts.filter((attempt) => attempt.status === "fulfilled");
    const refused = attempts.filter((attempt) => attempt.status === "rejected" && attempt.reason instanceof SignInThrottledError);
    expect(judged.length).toBeLessThanOrEqual(3);
    expect(judged.length + refused.length).toBe(20);
    expect(bcryptCalls.compare).toBe(judged.length);
  });

  it("answers a locked real account and a locked unknown email alike", async () => {
    const { owner } = await accountWithPassword();
    const unknown = `nobody-${uniqueSuffix()}@test.local`;
    await failTimes(owner.email, 3, requestFrom());
    await failTimes(unknown, 3, requestFrom());
    bcryptCalls.compare = 0;
    const known = await refusal(authorizeCredentials({ email: owner.email, password: "Wrong-pass-9x" }, requestFrom()));
    const missing = await refusal(authorizeCredentials({ email: unknown, password: "Wrong-pass-9x" }, requestFrom()));
    // Neither looks anything up or compares a hash.
    expect(bcryptCalls.compare).toBe(0);
    expect({ code: missing.code, message: missing.message, type: missing.type }).toEqual({ code: known.code, message: known.message, type: known.type });
    expect(Math.abs(missing.retryAfterSeconds - known.retryAfterSeconds)).toBeLessThanOrEqual(2);
    // Before the lockout both fail the same way too, each with one bcrypt comparison.
    bcryptCalls.compare = 0;
    const other = await accountWithPassword();
    expect(await authorizeCredentials({ email: other.owner.email, password: "Wrong-pass-1x" }, requestFrom())).toBeNull();
    expect(await authorizeCredentials({ email: `nobody-${uniqueSuffix()}@test.local`, password: "Wrong-pass-1x" }, requestFrom())).toBeNull();
    expect(bcryptCalls.compare).toBe(2);
  });

  it("forgets the account's failures after a successful sign-in", async () => {
    const { owner } = await accountWithPassword();
    const request = requestFrom();
    await failTimes(owner.email, 2, request);
    await expect(authorizeCredentials({ email: owner.email, password: PASSWORD }, request)).resolves.toMatchObject({ id: owner.id });
    await failTimes(owner.email, 2, request);
    await expect(authorizeCredentials({ email: owner.email, password: PASSWORD }, request)).resolves.toMatchObject({ id: owner.id });
  });

  it("limits failures per address across many accounts", async () => {
    const { owner } = await accountWithPassword();
    const ip = "198.18.0.77";
    for (let i = 0; i < 6; i++) await failTimes(`spray-${i}-${uniqueSuffix()}@test.local`, 1, requestFrom(ip));
    await refusal(authorizeCredentials({ email: owner.email, password: PASSWORD }, requestFrom(ip)));
    await expect(authorizeCredentials({ email: owner.email, password: PASSWORD }, requestFrom())).resolves.toMatchObject({ id: owner.id });
  });

  it("counts a malformed or huge X-Forwarded-For under the shared unknown bucket, without throwing", async () => {
    for (const header of ["not-an-ip", "9".repeat(10_000), "999.1.1.1, , ::g"]) {
      const request = new Request("http://test/", { headers: { "x-forwarded-for": header } });
      await expect(authorizeCredentials({ email: `odd-${uniqueSuffix()}@test.local`, password: "Wrong-pass-1x" }, request)).resolves.toBeNull();
    }
    expect(await store.remainingMs(`${prefix}:fail:ip:unknown`)).toBeGreaterThan(0);
  });

  it("tells the owner of a locked account once, in the app and by email; an unknown email gets nothing", async () => {
    const team = await accountWithPassword();
    const { owner } = team;
    // Concurrent failures: exactly one of them starts the lockout.
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => authorizeCredentials({ email: owner.email, password: `Wrong-pass-${i}x` }, requestFrom("192.0.2.44")).catch(() => null)),
    );
    await refusal(authorizeCredentials({ email: owner.email, password: PASSWORD }, requestFrom()));
    const db = await getTenantDb(team.id);
    const notices = () => db.notification.findMany({ where: { userId: owner.id, type: SIGN_IN_LOCKOUT_TYPE }, select: { title: true, body: true } });
    const emails = () => getBaseDb().emailMessage.findMany({ where: { to: owner.email, kind: SIGN_IN_LOCKOUT_EMAIL_KIND }, select: { subject: true, text: true } });
    await vi.waitFor(async () => expect(await emails()).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const [notice] = await notices();
    expect(await notices()).toHaveLength(1);
    expect(notice?.body).toMatch(/tried to sign in to your account 3 times/);
    expect(notice?.body).toContain("192.0.2.44");
    const [email] = await emails();
    expect(await emails()).toHaveLength(1);
    expect(email?.text).toContain("paused for 15 minutes");
    expect(email?.text).not.toContain(PASSWORD);

    const unknown = `ghost-${uniqueSuffix()}@test.local`;
    await failTimes(unknown, 3, requestFrom());
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await getBaseDb().emailMessage.count({ where: { to: unknown } })).toBe(0);
  });
});

describe("sign-up under brute-force protection", () => {
  const input = () => ZSignUpInput.parse({ name: "Spam Bot", email: `signup-bf-${uniqueSuffix()}@test.local`, password: PASSWORD });

  it("limits sign-ups per address, before creating anything", async () => {
    const clientIp = "198.18.1.5";
    await signUp(input(), { clientIp });
    await signUp(input(), { clientIp });
    const third = input();
    const error = await signUp(third, { clientIp }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SignUpThrottledError);
    expect((error as SignUpThrottledError).retryAfterSeconds).toBeGreaterThan(3000);
    expect(await getBaseDb().user.findUnique({ where: { email: third.email } })).toBeNull();
    // Another address is not affected.
    await expect(signUp(third, { clientIp: "198.18.1.6" })).resolves.toMatchObject({ userId: expect.any(String) });
  });

  it("has its message in Indonesian", () => {
    const { template } = new SignUpThrottledError(60);
    expect(translateMessage("id", template.template, template.values)).not.toBe(template.template);
  });
});
