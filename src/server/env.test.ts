import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PLAN_IDS } from "@/lib/plans";
import { REGION_IDS } from "@/lib/regions";
import {
  checkEnv,
  ConfigError,
  ENV_GROUPS,
  ENV_KEYS,
  ENV_NOT_DECLARED,
  fillDevelopmentDefaults,
  oauthProviders,
  parseServerEnv,
  piiKeyBytes,
  verifyEnvAtStartup,
} from "./env";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DB = "postgresql://app@db.internal:5432/app";
const SECRET = "a-long-enough-auth-secret-0123456789abcdef";

/** The problems for one variable set on top of a valid production environment. */
function problemsWith(overrides: Record<string, string>): string[] {
  return checkEnv({ NODE_ENV: "production", DATABASE_URL: DB, AUTH_SECRET: SECRET, ...overrides }, "production").problems;
}

describe("server env (run time)", () => {
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
      expect.unreachable();
    } catch (error) {
      expect(String(error)).toContain("DATABASE_URL: must be a postgresql:// URL");
      expect(String(error)).toContain("DATABASE_POOL_MAX: must be a whole number from 1 to 200");
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

describe("checkEnv: each bad value is rejected with its message", () => {
  it("accepts a complete, valid production environment", () => {
    expect(
      problemsWith({
        PII_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
        STRIPE_SECRET_KEY: "sk_live_abc123",
        STRIPE_WEBHOOK_SECRET: "whsec_abc123",
        STRIPE_PRICE_STARTER: "price_123",
        UPSTASH_REDIS_REST_URL: "https://eu1-x.upstash.io",
        UPSTASH_REDIS_REST_TOKEN: "token123",
        REDIS_URL: "rediss://cache.internal:6380",
        CORS_ALLOWED_ORIGINS: "https://app.example.com, http://localhost:3000",
        AUTH_URL: "https://erp.example.com",
        DATABASE_URL_ID: "postgresql://app@db-id.internal/app",
        TENANT_REGIONS: "global,id",
        EMAIL_FROM: "Enterprise Business OS <no-reply@example.com>",
        RATE_LIMIT_API: "100/10s",
        DATABASE_APP_ROLE: "",
      }),
    ).toEqual([]);
  });

  it("AUTH_SECRET shorter than 32 characters, or long but trivial, without printing it", () => {
    const message = "AUTH_SECRET: must be at least 32 random characters, not a repeated or placeholder value (e.g. openssl rand -base64 32)";
    const problems = problemsWith({ AUTH_SECRET: "too-short-secret-value" });
    expect(problems).toEqual([message]);
    expect(problems.join("\n")).not.toContain("too-short-secret-value");
    expect(problemsWith({ AUTH_SECRET: "x".repeat(32) })).toEqual([message]);
    expect(problemsWith({ AUTH_SECRET: "abababababababababababababababab" })).toEqual([message]);
    expect(problemsWith({ AUTH_SECRET: "Vq7pT2mXc9LrW4sZk8Hn3Jd6Fy1Gb5Ae" })).toEqual([]);
  });

  it("rate overrides within what the limiter accepts", () => {
    const message = "must look like 100/10s (units ms, s, m, h): 1 to 1,000,000 per 100 ms to 24 h";
    for (const value of ["0/10s", "10/0s", "10/50ms", "1/48h", "ten/1s"]) {
      expect(problemsWith({ RATE_LIMIT_API: value }), value).toEqual([`RATE_LIMIT_API: ${message}`]);
    }
    expect(problemsWith({ RATE_LIMIT_API: "200/10s", SIGN_UP_LIMIT: "20/1h" })).toEqual([]);
  });

  it("PII_ENCRYPTION_KEY must be exactly 32 bytes, hex or base64", () => {
    const message = "PII_ENCRYPTION_KEY: must be 32 bytes: 64 hex characters or base64 of 32 bytes (openssl rand -hex 32)";
    expect(problemsWith({ PII_ENCRYPTION_KEY: randomBytes(31).toString("base64") })).toEqual([message]);
    expect(problemsWith({ PII_ENCRYPTION_KEY: randomBytes(31).toString("hex") })).toEqual([message]);
    expect(problemsWith({ PII_ENCRYPTION_KEY: randomBytes(33).toString("base64") })).toEqual([message]);
    expect(problemsWith({ PII_ENCRYPTION_KEY: "not a key!" })).toEqual([message]);
    expect(problemsWith({ PII_ENCRYPTION_KEY: randomBytes(32).toString("base64") })).toEqual([]);
    expect(problemsWith({ PII_ENCRYPTION_KEY: randomBytes(32).toString("base64url") })).toEqual([]);
    expect(piiKeyBytes(randomBytes(32).toString("hex"))).toBe(32);
  });

  it("Stripe keys come in pairs, with the right prefixes", () => {
    expect(problemsWith({ STRIPE_SECRET_KEY: "sk_test_abc" })).toEqual([
      "STRIPE_WEBHOOK_SECRET: required when STRIPE_SECRET_KEY is set (webhooks are how payments reach the app)",
    ]);
    expect(problemsWith({ STRIPE_WEBHOOK_SECRET: "whsec_abc" })).toEqual([
      "STRIPE_SECRET_KEY: required when STRIPE_WEBHOOK_SECRET is set (webhooks are how payments reach the app)",
    ]);
    expect(problemsWith({ STRIPE_SECRET_KEY: "pk_test_abc", STRIPE_WEBHOOK_SECRET: "secret_abc" })).toEqual([
      "STRIPE_SECRET_KEY: must look like sk_test_…, sk_live_… (or a restricted rk_ key)",
      "STRIPE_WEBHOOK_SECRET: must look like whsec_…",
    ]);
    expect(problemsWith({ STRIPE_SECRET_KEY: "rk_live_abc", STRIPE_WEBHOOK_SECRET: "whsec_abc" })).toEqual([]);
  });

  it("URLs must be well-formed, with the right scheme", () => {
    expect(problemsWith({ DATABASE_URL: "mysql://db/app" })).toEqual(["DATABASE_URL: must be a postgresql:// URL"]);
    expect(problemsWith({ DATABASE_URL_GLOBAL: "postgresql://[bad" })).toEqual(["DATABASE_URL_GLOBAL: must be a postgresql:// URL"]);
    expect(problemsWith({ REDIS_URL: "http://cache:6379" })).toEqual(["REDIS_URL: must be a redis:// or rediss:// URL"]);
    expect(problemsWith({ AUTH_URL: "erp.example.com" })).toEqual(["AUTH_URL: must be an http:// or https:// URL"]);
    expect(problemsWith({ UPSTASH_REDIS_REST_URL: "http://eu1-x.upstash.io", UPSTASH_REDIS_REST_TOKEN: "t" })).toEqual([
      "UPSTASH_REDIS_REST_URL: must be an https:// URL (http:// only for localhost)",
    ]);
    expect(problemsWith({ UPSTASH_REDIS_REST_URL: "http://127.0.0.1:8079", UPSTASH_REDIS_REST_TOKEN: "t" })).toEqual([]);
    expect(problemsWith({ UPSTASH_REDIS_REST_URL: "https://eu1-x.upstash.io" })).toEqual([
      "UPSTASH_REDIS_REST_TOKEN: required when UPSTASH_REDIS_REST_URL is set (the rate limiter needs both)",
    ]);
    expect(problemsWith({ CORS_ALLOWED_ORIGINS: "https://app.example.com,https://evil.example.com/path" })).toEqual([
      "CORS_ALLOWED_ORIGINS: must be a comma-separated list of origins like https://app.example.com (scheme, host and port only)",
    ]);
  });

  it("numbers must be whole and in range", () => {
    expect(problemsWith({ DATABASE_POOL_MAX: "0" })).toEqual(["DATABASE_POOL_MAX: must be a whole number from 1 to 200"]);
    expect(problemsWith({ PORT: "70000" })).toEqual(["PORT: must be a whole number from 1 to 65535"]);
    expect(problemsWith({ TENANT_SCHEMA_POOL_MAX: "2.5" })).toEqual(["TENANT_SCHEMA_POOL_MAX: must be a whole number from 1 to 20"]);
    expect(problemsWith({ STRIPE_TIMEOUT_MS: "abc" })).toEqual(["STRIPE_TIMEOUT_MS: must be a whole number of milliseconds from 100 to 120000"]);
    expect(problemsWith({ TENANT_MIGRATION_GRACE_HOURS: "0.5" })).toEqual([]);
    expect(problemsWith({ VECTOR_CACHE_MB: "0" })).toEqual([]);
  });

  it("enums and cross-field rules", () => {
    expect(problemsWith({ AI_PROVIDER: "openai" })).toEqual(["AI_PROVIDER: must be one of: gemini, local"]);
    expect(problemsWith({ AI_PROVIDER: "gemini" })).toEqual(["GOOGLE_API_KEY: required when AI_PROVIDER=gemini"]);
    expect(problemsWith({ TENANT_REGIONS: "global,mars" })).toEqual(["TENANT_REGIONS: must be a comma-separated list of: global, id"]);
    expect(problemsWith({ RATE_LIMIT_AUTH: "ten per minute" })).toEqual(["RATE_LIMIT_AUTH: must look like 100/10s (units ms, s, m, h): 1 to 1,000,000 per 100 ms to 24 h"]);
  });

  it("production with everything missing lists one line per problem", () => {
    expect(checkEnv({ NODE_ENV: "production" }, "production").problems).toEqual([
      "AUTH_SECRET: required in production (32+ random characters, e.g. openssl rand -base64 32)",
      "DATABASE_URL: required in production (a postgresql:// URL)",
    ]);
    const many = checkEnv({ NODE_ENV: "production", PORT: "0", STRIPE_SECRET_KEY: "sk_test_x", AUTH_SECRET: "short" }, "production").problems;
    expect(many).toEqual([
      "AUTH_SECRET: must be at least 32 random characters, not a repeated or placeholder value (e.g. openssl rand -base64 32)",
      "DATABASE_URL: required in production (a postgresql:// URL)",
      "PORT: must be a whole number from 1 to 65535",
      "STRIPE_WEBHOOK_SECRET: required when STRIPE_SECRET_KEY is set (webhooks are how payments reach the app)",
    ]);
  });

  it("a build checks only the shape of what is set: no secrets needed (CI)", () => {
    expect(checkEnv({ NODE_ENV: "production" }, "build").problems).toEqual([]);
    expect(checkEnv({ NODE_ENV: "production", REDIS_URL: "localhost:6379" }, "build").problems).toEqual([
      "REDIS_URL: must be a redis:// or rediss:// URL",
    ]);
  });
});

describe("start-up", () => {
  function recorder() {
    const out: string[] = [];
    const err: string[] = [];
    const exits: number[] = [];
    return {
      out,
      err,
      exits,
      io: {
        log: (line: string) => void out.push(line),
        error: (line: string) => void err.push(line),
        exit: (code: number): never => {
          exits.push(code);
          throw new Error(`exit ${code}`);
        },
      },
    };
  }

  it("development fills the missing secrets with valid values and says so once", () => {
    const env: Record<string, string | undefined> = { DATABASE_URL: DB };
    const first = recorder();
    expect(verifyEnvAtStartup(env, first.io)).toEqual(["AUTH_SECRET", "PII_ENCRYPTION_KEY"]);
    expect(first.out).toEqual(["• Using embedded defaults for: AUTH_SECRET, PII_ENCRYPTION_KEY (generated for this process)"]);
    expect(first.exits).toEqual([]);
    expect(checkEnv(env, "production").problems).toEqual([]);
    // The start script's child (or a second check) finds them set: nothing to say.
    const second = recorder();
    expect(verifyEnvAtStartup(env, second.io)).toEqual([]);
    expect(second.out).toEqual([]);
  });

  it("development keeps what is set", () => {
    const env: Record<string, string | undefined> = { AUTH_SECRET: SECRET };
    expect(fillDevelopmentDefaults(env, () => "generated")).toEqual(["PII_ENCRYPTION_KEY"]);
    expect(env).toEqual({ AUTH_SECRET: SECRET, PII_ENCRYPTION_KEY: "generated" });
  });

  it("production stops on a missing or weak secret, one line each, values never printed", () => {
    const env: Record<string, string | undefined> = { NODE_ENV: "production", AUTH_SECRET: "weak-secret-1234", PII_ENCRYPTION_KEY: "abcdef" };
    const run = recorder();
    expect(() => verifyEnvAtStartup(env, run.io)).toThrow("exit 1");
    expect(run.exits).toEqual([1]);
    expect(run.out).toEqual([]);
    expect(run.err).toEqual([
      "✗ Invalid configuration (3 problems):",
      "✗ AUTH_SECRET: must be at least 32 random characters, not a repeated or placeholder value (e.g. openssl rand -base64 32)",
      "✗ DATABASE_URL: required in production (a postgresql:// URL)",
      "✗ PII_ENCRYPTION_KEY: must be 32 bytes: 64 hex characters or base64 of 32 bytes (openssl rand -hex 32)",
    ]);
    expect(run.err.join("\n")).not.toMatch(/weak-secret-1234|abcdef/);
    // Nothing was filled in production.
    expect(env.AUTH_SECRET).toBe("weak-secret-1234");
  });
});

describe("the declaration", () => {
  /** `NAME=` lines of .env.example; `# NAME=` counts too (NODE_ENV is shown commented out). */
  function exampleNames(): string[] {
    const text = readFileSync(path.join(ROOT, ".env.example"), "utf8");
    return [...text.matchAll(/^(?:# ?)?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1] ?? "");
  }

  it(".env.example lists exactly the declared variables, each once", () => {
    const names = exampleNames();
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
    expect(names.filter((name) => !(ENV_KEYS as string[]).includes(name))).toEqual([]);
    expect(ENV_KEYS.filter((key) => !names.includes(key))).toEqual([]);
  });

  it("every variable is in exactly one group, and none is both declared and excluded", () => {
    const grouped = Object.values(ENV_GROUPS).flatMap((group) => Object.keys(group.shape));
    // Tenancy includes the sub-schemas exported for its modules; count the groups themselves.
    expect([...grouped].sort()).toEqual([...ENV_KEYS].sort());
    expect(ENV_KEYS.filter((key) => Object.hasOwn(ENV_NOT_DECLARED, key))).toEqual([]);
  });

  it("declares the per-region and per-plan variables the code builds from the catalogues", () => {
    for (const region of REGION_IDS) expect(ENV_KEYS).toContain(`DATABASE_URL_${region.toUpperCase()}`);
    for (const plan of PLAN_IDS) {
      expect(ENV_KEYS).toContain(`STRIPE_PRICE_${plan.toUpperCase()}`);
      expect(ENV_KEYS).toContain(`STRIPE_METERED_PRICE_${plan.toUpperCase()}`);
    }
  });

  it("every variable the code reads is declared or excluded with a reason", () => {
    function files(dir: string): string[] {
      return readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) return name === "generated" || name === "node_modules" ? [] : files(full);
        return /\.(ts|tsx|mjs|js)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
      });
    }
    const read = new Set<string>();
    const sources = [...["src", "scripts", "trigger", "prisma"].flatMap((dir) => files(path.join(ROOT, dir))), path.join(ROOT, "next.config.ts")];
    for (const file of sources) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/\b(?:process\.env|env|source|target)\??\.([A-Z][A-Z0-9_]+)\b/g)) read.add(m[1] ?? "");
    }
    expect(read.size).toBeGreaterThan(40);
    const unknown = [...read].filter((name) => !(ENV_KEYS as string[]).includes(name) && !Object.hasOwn(ENV_NOT_DECLARED, name));
    expect(unknown).toEqual([]);
  });
});
