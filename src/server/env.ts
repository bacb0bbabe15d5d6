import { randomBytes } from "node:crypto";
import { z } from "zod";

/**
 * THE declaration of every environment variable the server reads (src/, scripts/,
 * trigger/, prisma/), each once, grouped, with its type, default and the problem
 * an operator sees when it is wrong. .env.example documents exactly these names
 * (env.test.ts compares both directions); variables that are deliberately not
 * declared are listed in ENV_NOT_DECLARED with the reason.
 *
 * Where it is checked (checkEnv):
 * - scripts/start.ts, before anything else, and src/instrumentation.ts register()
 *   for `next start`/`next dev` without the script. NODE_ENV=production: every
 *   problem stops the server, one line each, and a missing required secret is a
 *   problem. Otherwise the embedded defaults fill what is missing (said once).
 * - next.config.ts during `next build`: only the shape of what is set. CI builds
 *   with NODE_ENV=production and no secrets, so secrets are required at server
 *   start, never at build.
 *
 * Some modules still parse their own variables (billing, AI, tenancy pools and
 * moves, rate limits); the rules here match theirs so a value they would refuse
 * already stops the start. Messages name the variable, never its value.
 *
 * Messages are plain constants (not literal arguments of .regex/.min): they are
 * operator-facing English log lines, not translated app messages.
 */

/** Unset and blank are the same: `KEY=` in a .env file means "not set". */
const blank = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

function pattern(re: RegExp, problem: string) {
  return blank.pipe(z.string().refine((value) => re.test(value), problem).optional());
}

function wholeNumber(min: number, max: number, unit: string) {
  const problem = `must be a whole number${unit} from ${min} to ${max}`;
  return blank.pipe(
    z
      .string()
      .refine((value) => /^-?\d+$/.test(value), problem)
      .transform(Number)
      .pipe(z.number().refine((value) => value >= min && value <= max, problem))
      .optional(),
  );
}

function decimalNumber(min: number, max: number, unit: string) {
  const problem = `must be a number${unit} from ${min} to ${max}`;
  return blank.pipe(
    z
      .string()
      .refine((value) => /^\d+(\.\d+)?$/.test(value), problem)
      .transform(Number)
      .pipe(z.number().refine((value) => value >= min && value <= max, problem))
      .optional(),
  );
}

function isUrl(value: string, protocols: readonly string[]): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return protocols.includes(url.protocol) && url.hostname !== "";
}

function url(protocols: readonly string[], problem: string) {
  return blank.pipe(z.string().refine((value) => isUrl(value, protocols), problem).optional());
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  const problem = `must be one of: ${values.join(", ")}`;
  return blank.pipe(
    z
      .string()
      .transform((value) => value.toLowerCase())
      .refine((value): value is T[number] => (values as readonly string[]).includes(value), problem)
      .transform((value) => value as T[number])
      .optional(),
  );
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** A bare http(s) origin (scheme://host[:port]), as CORS compares them. */
export function isOrigin(value: string): boolean {
  if (!isUrl(value, ["http:", "https:"])) return false;
  return new URL(value).origin === value.replace(/\/$/, "");
}

/** 32 bytes written as 64 hex characters or as base64 (standard or url-safe), as pii-vault.ts reads it. */
export function piiKeyBytes(value: string): number | null {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return 32;
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return null;
  return Buffer.from(value.replace(/-/g, "+").replace(/_/g, "/"), "base64").length;
}

/** postgresql://…, host optional: a Unix-socket URL (?host=/run/postgresql) has none. */
function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//.test(value) && URL.canParse(value);
}

const HTTP_URL = ["http:", "https:"] as const;

const PROBLEM = {
  postgresUrl: "must be a postgresql:// URL",
  databaseUrlMissing: "is required (the start script sets it when it runs the embedded database)",
  httpUrl: "must be an http:// or https:// URL",
  httpsUrl: "must be an https:// URL",
  securityContact: "must be a mailto: or https: URI",
  roleName: "must be a plain lowercase role name (letters, digits, _)",
  appRoleName: "must be a plain lowercase role name (letters, digits, _), or empty",
  databaseName: "must be a plain database name (letters, digits, _ and -)",
  regions: "must be a comma-separated list of: global, id",
  authSecret: "must be at least 32 random characters, not a repeated or placeholder value (e.g. openssl rand -base64 32)",
  piiKey: "must be 32 bytes: 64 hex characters or base64 of 32 bytes (openssl rand -hex 32)",
  stripeKey: "must look like sk_test_…, sk_live_… (or a restricted rk_ key)",
  webhookSecret: "must look like whsec_…",
  stripePrice: "must be a Stripe price id (price_…)",
  eventName: "must be a plain event name (letters, digits, _ . -)",
  emailFrom: "must be an email address, optionally as Name <address>",
  redisUrl: "must be a redis:// or rediss:// URL",
  upstashUrl: "must be an https:// URL (http:// only for localhost)",
  origins: "must be a comma-separated list of origins like https://app.example.com (scheme, host and port only)",
  rate: "must look like 100/10s (units ms, s, m, h): 1 to 1,000,000 per 100 ms to 24 h",
  prefix: "must be 1-40 letters, digits, : _ or -",
  plainText: "must be a single line without spaces",
  triggerProject: "must look like proj_…",
} as const;

const postgresUrl = blank.pipe(z.string().refine(isPostgresUrl, PROBLEM.postgresUrl).optional());
const noSpaces = pattern(/^\S+$/, PROBLEM.plainText);
const stripePrice = pattern(/^price_\w+$/, PROBLEM.stripePrice);

export const ServerGroup = z.object({
  NODE_ENV: oneOf(["development", "test", "production"]).transform((value) => value ?? "development"),
  // The start script's HTTP server (next start/dev -H/-p); also the fallback public URL.
  HOST: blank.transform((value) => value ?? "127.0.0.1"),
  PORT: wholeNumber(1, 65_535, "").transform((value) => value ?? 3000),
});

export const DatabaseGroup = z.object({
  DATABASE_URL: postgresUrl,
  // "" (set but empty) means "do not SET ROLE", so this one keeps an empty value.
  DATABASE_APP_ROLE: z
    .string()
    .refine((value) => /^[a-z_][a-z0-9_]*$|^$/.test(value), PROBLEM.appRoleName)
    .default("eb_app"),
  DATABASE_PLATFORM_ROLE: pattern(/^[a-z_][a-z0-9_]*$/, PROBLEM.roleName).transform((value) => value ?? "eb_platform"),
  DATABASE_POOL_MAX: wholeNumber(1, 200, "").transform((value) => value ?? 10),
  EMBEDDED_DB_PORT: wholeNumber(1, 65_535, "").transform((value) => value ?? 54_329),
  // Set by the start script when it runs PGlite (one session); not for operators.
  EMBEDDED_DATABASE: oneOf(["pglite"]),
});

/** Pools for tenant schemas/databases: the same bounds as schema-clients.ts. */
export const TenantSchemaClientGroup = z.object({
  TENANT_SCHEMA_CLIENTS_MAX: wholeNumber(1, 1_000, "").transform((value) => value ?? 50),
  TENANT_SCHEMA_POOL_MAX: wholeNumber(1, 20, "").transform((value) => value ?? 2),
  TENANT_SCHEMA_CONNECTION_IDLE_MS: wholeNumber(100, 86_400_000, " of milliseconds").transform((value) => value ?? 10_000),
  TENANT_SCHEMA_CLIENT_IDLE_MS: wholeNumber(1_000, 86_400_000, " of milliseconds").transform((value) => value ?? 600_000),
});

/** Tier moves: the same bounds as migration-engine.ts (its settle default follows the access TTL, so none here). */
export const TenantMigrationGroup = z.object({
  TENANT_MIGRATION_GRACE_HOURS: decimalNumber(0, 24 * 90, " of hours").transform((value) => value ?? 24),
  TENANT_MIGRATION_BATCH_SIZE: wholeNumber(1, 100_000, " of rows").transform((value) => value ?? 10_000),
  TENANT_MIGRATION_STREAM_BATCH_SIZE: wholeNumber(1, 500_000, " of rows").transform((value) => value ?? 50_000),
  TENANT_MIGRATION_SETTLE_MS: wholeNumber(0, 600_000, " of milliseconds"),
});

export const TenancyGroup = z.object({
  TENANT_REGIONS: pattern(/^\s*(global|id)\s*(,\s*(global|id)\s*)*$/i, PROBLEM.regions),
  // One per region of the catalogue (src/lib/regions.ts); unset → DATABASE_URL.
  DATABASE_URL_GLOBAL: postgresUrl,
  DATABASE_URL_ID: postgresUrl,
  TENANT_DATABASE_TEMPLATE: pattern(/^[A-Za-z0-9_][A-Za-z0-9_-]{0,62}$/, PROBLEM.databaseName),
  ...TenantSchemaClientGroup.shape,
  ...TenantMigrationGroup.shape,
});

export const AuthGroup = z.object({
  // Long is not enough: "aaaa…" or a sentence-like placeholder is guessable. 12+ distinct characters rules those out; random secrets have ~30.
  AUTH_SECRET: blank.pipe(z.string().refine((value) => value.length >= 32 && new Set(value).size >= 12, PROBLEM.authSecret).optional()),
  AUTH_URL: url(HTTP_URL, PROBLEM.httpUrl),
  AUTH_GOOGLE_ID: blank,
  AUTH_GOOGLE_SECRET: blank,
  AUTH_GITHUB_ID: blank,
  AUTH_GITHUB_SECRET: blank,
});

/** The same rules as services/ai/config.ts, with upper bounds. */
export const AiGroup = z.object({
  GOOGLE_API_KEY: noSpaces,
  AI_PROVIDER: oneOf(["gemini", "local"]),
  AI_CHAT_MODEL: noSpaces,
  AI_EMBEDDING_MODEL: noSpaces,
  GEMINI_BASE_URL: url(HTTP_URL, PROBLEM.httpUrl),
  AI_TIMEOUT_MS: wholeNumber(1, 600_000, " of milliseconds").transform((value) => value ?? 30_000),
  AI_BREAKER_FAILURES: wholeNumber(1, 100, "").transform((value) => value ?? 3),
  AI_BREAKER_COOLDOWN_MS: wholeNumber(1, 3_600_000, " of milliseconds").transform((value) => value ?? 30_000),
});

/** The same rules as services/billing/config.ts. */
export const BillingGroup = z.object({
  STRIPE_SECRET_KEY: pattern(/^(sk|rk)_(test|live)_\w+$/, PROBLEM.stripeKey),
  STRIPE_WEBHOOK_SECRET: pattern(/^whsec_\w+$/, PROBLEM.webhookSecret),
  STRIPE_PRICE_STARTER: stripePrice,
  STRIPE_PRICE_PROFESSIONAL: stripePrice,
  STRIPE_PRICE_ENTERPRISE: stripePrice,
  STRIPE_METERED_PRICE_STARTER: stripePrice,
  STRIPE_METERED_PRICE_PROFESSIONAL: stripePrice,
  STRIPE_METERED_PRICE_ENTERPRISE: stripePrice,
  STRIPE_METER_EVENT_NAME: pattern(/^[A-Za-z0-9_.-]{1,100}$/, PROBLEM.eventName).transform((value) => value ?? "ai_tokens"),
  STRIPE_API_BASE: url(HTTP_URL, PROBLEM.httpUrl),
  STRIPE_TIMEOUT_MS: wholeNumber(100, 120_000, " of milliseconds").transform((value) => value ?? 15_000),
});

export const EmailGroup = z.object({
  RESEND_API_KEY: noSpaces,
  EMAIL_FROM: pattern(/^([^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, PROBLEM.emailFrom),
  RESEND_BASE_URL: url(HTTP_URL, PROBLEM.httpUrl),
  DEV_MAILBOX: oneOf(["on", "off"]),
  EMAIL_DISPATCH: oneOf(["manual"]),
});

export const JobsGroup = z.object({
  TRIGGER_PROJECT_REF: pattern(/^proj_\w+$/, PROBLEM.triggerProject),
  TRIGGER_SECRET_KEY: noSpaces,
  JOB_RUNNER: oneOf(["on", "off"]),
  JOB_RUNNER_CONCURRENCY: wholeNumber(1, 32, ""),
});

export const StorageGroup = z.object({
  UPLOADTHING_TOKEN: noSpaces,
  UPLOADS_DIR: blank,
  DOCUMENT_MAX_BYTES: wholeNumber(1024, 512 * 1024 * 1024, " of bytes"),
  VECTOR_STORE: oneOf(["auto", "pgvector", "portable"]),
  VECTOR_CACHE_MB: wholeNumber(0, 64 * 1024, " of megabytes"),
});

/** "count/window" within what the limiter accepts (1 to 1,000,000 per 100 ms to 24 h), so a value that passes here cannot fail at run time. */
function rateWithinBounds(value: string): boolean {
  const match = /^(\d{1,7})\s*\/\s*(\d{1,6})\s*(ms|s|m|h)$/.exec(value.trim());
  if (!match) return false;
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[match[3] as "ms" | "s" | "m" | "h"];
  const count = Number(match[1]);
  const windowMs = Number(match[2]) * unit;
  return count >= 1 && count <= 1_000_000 && windowMs >= 100 && windowMs <= 24 * 3_600_000;
}

const rate = blank.pipe(z.string().refine(rateWithinBounds, PROBLEM.rate).optional());

export const SecurityGroup = z.object({
  PII_ENCRYPTION_KEY: blank.pipe(z.string().refine((value) => piiKeyBytes(value) === 32, PROBLEM.piiKey).optional()),
  REDIS_URL: url(["redis:", "rediss:"], PROBLEM.redisUrl),
  UPSTASH_REDIS_REST_URL: blank.pipe(
    z
      .string()
      .refine((value) => isUrl(value, ["https:"]) || (isUrl(value, ["http:"]) && LOOPBACK.has(new URL(value).hostname)), PROBLEM.upstashUrl)
      .optional(),
  ),
  UPSTASH_REDIS_REST_TOKEN: noSpaces,
  CORS_ALLOWED_ORIGINS: blank.pipe(
    z
      .string()
      .refine((value) => value.split(",").map((part) => part.trim()).filter(Boolean).every(isOrigin), PROBLEM.origins)
      .optional(),
  ),
  RATE_LIMIT_PREFIX: pattern(/^[A-Za-z0-9:_-]{1,40}$/, PROBLEM.prefix),
  RATE_LIMIT_STORE_TIMEOUT_MS: wholeNumber(50, 5_000, " of milliseconds"),
  RATE_LIMIT_API: rate,
  RATE_LIMIT_AI: rate,
  RATE_LIMIT_AUTH: rate,
  SIGN_UP_LIMIT: rate,
  // /.well-known/security.txt (RFC 9116): where researchers report, and the disclosure policy.
  SECURITY_CONTACT: blank.pipe(
    z
      .string()
      .refine((value) => /^mailto:[^@\s]+@[^@\s]+$/.test(value) || isUrl(value, ["https:"]), PROBLEM.securityContact)
      .optional(),
  ),
  SECURITY_POLICY_URL: url(["https:"], PROBLEM.httpsUrl),
});

export const ENV_GROUPS = {
  server: ServerGroup,
  database: DatabaseGroup,
  tenancy: TenancyGroup,
  auth: AuthGroup,
  ai: AiGroup,
  billing: BillingGroup,
  email: EmailGroup,
  jobs: JobsGroup,
  storage: StorageGroup,
  security: SecurityGroup,
} as const;

export const Env = z.object({
  ...ServerGroup.shape,
  ...DatabaseGroup.shape,
  ...TenancyGroup.shape,
  ...AuthGroup.shape,
  ...AiGroup.shape,
  ...BillingGroup.shape,
  ...EmailGroup.shape,
  ...JobsGroup.shape,
  ...StorageGroup.shape,
  ...SecurityGroup.shape,
});
export type Env = z.infer<typeof Env>;

export const ENV_KEYS = Object.keys(Env.shape).sort() as (keyof Env)[];

/**
 * Read somewhere in the code base but deliberately not declared: they are not
 * configuration of the server (set by Next or the test runner, or read only by
 * tests, benchmarks and developer tooling).
 */
export const ENV_NOT_DECLARED: Readonly<Record<string, string>> = {
  NEXT_RUNTIME: "set by Next.js (nodejs or edge) for the code it runs",
  NEXT_PHASE: "set by Next.js (e.g. phase-production-build)",
  VITEST: "set by the test runner",
  CI: "set by CI services; only the Playwright reporter reads it",
  TEST_TENANT_TIER: "tests only: runs the suite against another tenancy tier (npm run test:tiers)",
  TEST_DATABASE_SERVER_URL: "tests only: the PostgreSQL server for the test databases (default postgres@127.0.0.1:5432)",
  SCHEMA_ENGINE_TEST_PG_URL: "tests only: the schema-engine stand-in's test server",
  TRIGGER_API_URL: "read by the Trigger.dev SDK itself; only tests set it",
  E2E_PORT: "Playwright tooling: the e2e server's port (default 3100)",
  CHROMIUM_PATH: "Playwright tooling: the browser (default /usr/bin/chromium)",
  BENCH_DATABASE_SERVER_URL: "npm run bench only",
  BENCH_RAG_SIZES: "npm run bench only",
  BENCH_RAG_BACKENDS: "npm run bench only",
  BENCH_TEAM_ID: "npm run bench only",
  BENCH_MIGRATION_ROWS: "npm run bench only",
  BENCH_SYNC_TENANTS: "npm run bench only",
  PRISMA_SCHEMA_ENGINE_BINARY: "Prisma CLI tooling (prisma/engine/locate.ts points the CLI at its stand-in)",
  PRISMA_SCHEMA_ENGINE_STANDIN_DEBUG: "Prisma CLI tooling: debug output of the schema-engine stand-in",
  PGUSER: "libpq's default user, read by the schema-engine stand-in (CLI tooling)",
  USER: "the login name, libpq's last fallback in the schema-engine stand-in (CLI tooling)",
};

export type EnvCheckMode = "build" | "development" | "production";

export type EnvCheck = {
  /** One line per problem, `NAME: what is wrong` — never the value. */
  problems: string[];
  env: Env | undefined;
};

/** Secrets production must have; development fills them (see fillDevelopmentDefaults). */
export const REQUIRED_IN_PRODUCTION = {
  DATABASE_URL: "required in production (a postgresql:// URL)",
  AUTH_SECRET: "required in production (32+ random characters, e.g. openssl rand -base64 32)",
} as const;

/** Pairs that only work together: each names the other when it is missing. */
const PAIRS: readonly (readonly [keyof Env, keyof Env, string])[] = [
  ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "webhooks are how payments reach the app"],
  ["UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "the rate limiter needs both"],
];

function isSet(source: Readonly<Record<string, string | undefined>>, key: string): boolean {
  const value = source[key];
  return value !== undefined && value.trim() !== "";
}

/**
 * Validates the environment for a mode. build: the shape of what is set (CI has
 * no secrets). development: the same, what is missing has defaults. production:
 * also the required secrets.
 */
export function checkEnv(source: Readonly<Record<string, string | undefined>>, mode: EnvCheckMode): EnvCheck {
  const problems: string[] = [];
  const parsed = Env.safeParse(source);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join(".")}: ${issue.message}`);
  }
  for (const [a, b, why] of PAIRS) {
    if (isSet(source, a) && !isSet(source, b)) problems.push(`${b}: required when ${a} is set (${why})`);
    if (isSet(source, b) && !isSet(source, a)) problems.push(`${a}: required when ${b} is set (${why})`);
  }
  if (source.AI_PROVIDER?.trim().toLowerCase() === "gemini" && !isSet(source, "GOOGLE_API_KEY")) {
    problems.push("GOOGLE_API_KEY: required when AI_PROVIDER=gemini");
  }
  if (mode === "production") {
    for (const [key, problem] of Object.entries(REQUIRED_IN_PRODUCTION)) {
      if (!isSet(source, key)) problems.push(`${key}: ${problem}`);
    }
  }
  // Zod reports in schema order and pairs come after: sorted by name, the output is stable to read.
  problems.sort();
  return { problems, env: parsed.success ? parsed.data : undefined };
}

export type DefaultSecret = "AUTH_SECRET" | "PII_ENCRYPTION_KEY";

/** Random secrets for development: the start script keeps them under .data/, register() per process. */
export function generateSecret(key: DefaultSecret): string {
  return key === "AUTH_SECRET" ? randomBytes(32).toString("base64url") : randomBytes(32).toString("hex");
}

/**
 * Development only: fills the missing secrets (a signed-in session or a sealed
 * PII map then lasts as long as the generated secret). Returns the names filled,
 * for the one "Using embedded defaults for: …" line.
 */
export function fillDevelopmentDefaults(
  target: Record<string, string | undefined>,
  generate: (key: DefaultSecret) => string = generateSecret,
): DefaultSecret[] {
  const filled: DefaultSecret[] = [];
  for (const key of ["AUTH_SECRET", "PII_ENCRYPTION_KEY"] as const) {
    if (isSet(target, key)) continue;
    target[key] = generate(key);
    filled.push(key);
  }
  return filled;
}

/** The mode a server process checks in: production only when NODE_ENV says so. */
export function startupMode(source: Readonly<Record<string, string | undefined>>): EnvCheckMode {
  return source.NODE_ENV === "production" ? "production" : "development";
}

/**
 * The start-up check of a server process (register() for `next start`/`next
 * dev`): fills development defaults, then stops the process with one line per
 * problem. Returns the defaults it filled.
 */
export function verifyEnvAtStartup(
  target: Record<string, string | undefined> = process.env,
  io: { log(line: string): void; error(line: string): void; exit(code: number): never } = {
    log: (line) => console.log(line),
    error: (line) => console.error(line),
    exit: (code) => process.exit(code),
  },
): DefaultSecret[] {
  const mode = startupMode(target);
  const filled = mode === "development" ? fillDevelopmentDefaults(target) : [];
  if (filled.length > 0) io.log(`• Using embedded defaults for: ${filled.join(", ")} (generated for this process)`);
  const { problems } = checkEnv(target, mode);
  if (problems.length > 0) {
    io.error(`✗ Invalid configuration (${problems.length} ${problems.length === 1 ? "problem" : "problems"}):`);
    for (const problem of problems) io.error(`✗ ${problem}`);
    io.exit(1);
  }
  return filled;
}

// ---------------------------------------------------------------------------
// Run time: the variables the database client and auth read on every use. Kept
// to this subset (not the whole Env) so a module's own bad setting, e.g. in a
// test, fails in that module rather than in every database call.

const RuntimeEnv = z.object({
  NODE_ENV: ServerGroup.shape.NODE_ENV,
  DATABASE_URL: z
    .string({ error: PROBLEM.databaseUrlMissing })
    .refine((value) => /^postgres(ql)?:\/\//.test(value), PROBLEM.postgresUrl),
  DATABASE_APP_ROLE: DatabaseGroup.shape.DATABASE_APP_ROLE,
  DATABASE_PLATFORM_ROLE: DatabaseGroup.shape.DATABASE_PLATFORM_ROLE,
  DATABASE_POOL_MAX: DatabaseGroup.shape.DATABASE_POOL_MAX,
  AUTH_SECRET: blank,
  AUTH_GOOGLE_ID: blank,
  AUTH_GOOGLE_SECRET: blank,
  AUTH_GITHUB_ID: blank,
  AUTH_GITHUB_SECRET: blank,
});

export type ServerEnv = z.infer<typeof RuntimeEnv>;

let cached: ServerEnv | undefined;

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

export function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  const result = RuntimeEnv.safeParse(source);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  return result.data;
}

export function serverEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}

/** OAuth providers are offered only when both halves of their credentials are set. */
export function oauthProviders(env: Readonly<Record<string, unknown>>) {
  return {
    google: Boolean(filled(env.AUTH_GOOGLE_ID) && filled(env.AUTH_GOOGLE_SECRET)),
    github: Boolean(filled(env.AUTH_GITHUB_ID) && filled(env.AUTH_GITHUB_SECRET)),
  };
}

function filled(value: unknown): boolean {
  return typeof value === "string" && value.trim() !== "";
}
