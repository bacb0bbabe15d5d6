import { describe, expect, it } from "vitest";
import { createUser, uniqueSuffix } from "../../../test/factories";
import { getBaseDb } from "../db/client";
import { cleanupExpiredTokens } from "./cleanup-expired-tokens";

describe("cleanupExpiredTokens", () => {
  it("deletes only what has expired, and is safe to run again", async () => {
    const user = await createUser("tokens");
    const db = getBaseDb();
    const now = new Date("2030-01-01T00:00:00Z");
    const id = uniqueSuffix();
    await db.verificationToken.createMany({
      data: [
        { identifier: `old-${id}`, token: `old-${id}`, expires: new Date("2029-12-31T00:00:00Z") },
        { identifier: `new-${id}`, token: `new-${id}`, expires: new Date("2030-01-02T00:00:00Z") },
      ],
    });
    await db.session.createMany({
      data: [
        { sessionToken: `old-${id}`, userId: user.id, expires: new Date("2029-12-31T00:00:00Z") },
        { sessionToken: `new-${id}`, userId: user.id, expires: new Date("2030-01-02T00:00:00Z") },
      ],
    });
    const first = await cleanupExpiredTokens(now);
    expect(first.verificationTokens).toBeGreaterThanOrEqual(1);
    expect(first.sessions).toBeGreaterThanOrEqual(1);
    expect(await db.verificationToken.findUnique({ where: { token: `old-${id}` } })).toBeNull();
    expect(await db.verificationToken.findUnique({ where: { token: `new-${id}` } })).not.toBeNull();
    expect(await db.session.findUnique({ where: { sessionToken: `new-${id}` } })).not.toBeNull();
    expect(await cleanupExpiredTokens(now)).toEqual({ verificationTokens: 0, sessions: 0 });
  });
});
