import { z } from "zod";

/**
 * Server configuration, validated once with zod. Every variable the server reads
 * is declared here and documented in .env.example. Parsed lazily so `next build`
 * does not need a database URL.
 */
const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value));

const ServerEnv = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is required (the start script sets it when it runs the embedded database)." })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL."),
  DATABASE_APP_ROLE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$|^$/, "DATABASE_APP_ROLE must be a plain lowercase role name, or empty.")
    .default("eb_app"),
  DATABASE_PLATFORM_ROLE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, "DATABASE_PLATFORM_ROLE must be a plain lowercase role name.")
    .default("eb_platform"),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  AUTH_SECRET: optionalString,
  AUTH_GOOGLE_ID: optionalString,
  AUTH_GOOGLE_SECRET: optionalString,
  AUTH_GITHUB_ID: optionalString,
  AUTH_GITHUB_SECRET: optionalString,
});

export type ServerEnv = z.infer<typeof ServerEnv>;

let cached: ServerEnv | undefined;

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  const result = ServerEnv.safeParse(source);
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
