import { describe, expect, it } from "vitest";
import { ConfigError, oauthProviders, parseServerEnv } from "./env";

describe("server env", () => {
  it("applies defaults", () => {
    expect(parseServerEnv({ DATABASE_URL: "postgresql://u@h/db" })).toMatchObject({
      DATABASE_APP_ROLE: "eb_app",
      DATABASE_POOL_MAX: 10,
      NODE_ENV: "development",
    });
  });

  it("names each bad variable", () => {
    expect(() => parseServerEnv({ DATABASE_URL: "mysql://x", DATABASE_POOL_MAX: "0", DATABASE_APP_ROLE: "Robert'); DROP" })).toThrow(
      ConfigError,
    );
    try {
      parseServerEnv({ DATABASE_URL: "mysql://x", DATABASE_POOL_MAX: "0" });
    } catch (error) {
      expect(String(error)).toContain("DATABASE_URL: DATABASE_URL must be a postgresql:// URL.");
      expect(String(error)).toContain("DATABASE_POOL_MAX");
    }
  });

  it("offers an OAuth provider only when both its id and secret are set", () => {
    expect(oauthProviders({})).toEqual({ google: false, github: false });
    expect(oauthProviders({ AUTH_GOOGLE_ID: "id", AUTH_GOOGLE_SECRET: " " })).toEqual({ google: false, github: false });
    expect(oauthProviders({ AUTH_GOOGLE_ID: "id", AUTH_GOOGLE_SECRET: "s", AUTH_GITHUB_ID: "g", AUTH_GITHUB_SECRET: "t" })).toEqual({
      google: true,
      github: true,
    });
  });
});
