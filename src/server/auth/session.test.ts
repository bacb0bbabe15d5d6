import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { readSession } from "./session";

const SECRET = "session-test-secret-0123456789-abcdefghijkl";

async function token(payload: Record<string, unknown>, salt = "authjs.session-token", maxAge = 3600) {
  return encode({ token: payload, secret: SECRET, salt, maxAge });
}

function cookie(value: string) {
  return new Headers({ cookie: value });
}

describe("readSession", () => {
  it("reads the user and active team from an Auth.js session cookie", async () => {
    const jwt = await token({ sub: "user_1", activeTeamId: "team_1", email: "a@b.test", name: "A" });
    await expect(readSession(cookie(`other=1; authjs.session-token=${jwt}`), SECRET)).resolves.toEqual({
      user: { id: "user_1", activeTeamId: "team_1", email: "a@b.test", name: "A" },
    });
  });

  it("reads the secure cookie name and chunked tokens", async () => {
    const secure = await token({ sub: "user_2" }, "__Secure-authjs.session-token");
    expect((await readSession(cookie(`__Secure-authjs.session-token=${secure}`), SECRET))?.user.id).toBe("user_2");
    const chunked = await token({ sub: "user_3" });
    const half = Math.floor(chunked.length / 2);
    const header = `authjs.session-token.0=${chunked.slice(0, half)}; authjs.session-token.1=${chunked.slice(half)}`;
    expect((await readSession(cookie(header), SECRET))?.user.id).toBe("user_3");
  });

  it("has no session for a missing, forged, foreign-secret or expired token", async () => {
    expect(await readSession(new Headers(), SECRET)).toBeNull();
    expect(await readSession(cookie("authjs.session-token=not-a-jwt"), SECRET)).toBeNull();
    const foreign = await encode({ token: { sub: "x" }, secret: "another-secret-0123456789-abcdefghijklmn", salt: "authjs.session-token" });
    expect(await readSession(cookie(`authjs.session-token=${foreign}`), SECRET)).toBeNull();
    const expired = await token({ sub: "user_4" }, "authjs.session-token", -10);
    expect(await readSession(cookie(`authjs.session-token=${expired}`), SECRET)).toBeNull();
    const valid = await token({ sub: "user_5" });
    expect(await readSession(cookie(`authjs.session-token=${valid}`), undefined)).toBeNull();
  });

  it("does not accept a token signed for another cookie name", async () => {
    const other = await token({ sub: "user_6" }, "authjs.csrf-token");
    expect(await readSession(cookie(`authjs.session-token=${other}`), SECRET)).toBeNull();
  });
});
