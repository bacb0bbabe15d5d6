import { defineConfig } from "@trigger.dev/sdk";

/**
 * Trigger.dev tasks (trigger/) are thin wrappers around job bodies in
 * src/server/jobs. Deploying them needs a Trigger.dev project (TRIGGER_PROJECT_REF)
 * and TRIGGER_SECRET_KEY.
 */
export default defineConfig({
  project: process.env.TRIGGER_PROJECT_REF ?? "proj_enterprise_business_os",
  dirs: ["./trigger"],
  maxDuration: 300,
  retries: { enabledInDev: false, default: { maxAttempts: 3, minTimeoutInMs: 1_000, maxTimeoutInMs: 30_000, factor: 2 } },
});
