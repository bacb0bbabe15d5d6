import type { NextConfig } from "next";
import { PHASE_PRODUCTION_BUILD } from "next/constants";
import createNextIntlPlugin from "next-intl/plugin";
import { checkEnv } from "./src/server/env";

const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Prisma's generated client and pg are server-only dependencies with native-ish
  // loading; keep them out of the bundler.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "@prisma/client", "bcryptjs"],
  typedRoutes: false,
  // security.txt names each deployment's own contact (src/app/api/security-txt).
  async rewrites() {
    return [{ source: "/.well-known/security.txt", destination: "/api/security-txt" }];
  },
};

/**
 * `next build` checks the shape of the variables that are set (a malformed URL,
 * a number out of range, half a Stripe pair) and fails with one line each. It
 * never requires a secret: CI builds with NODE_ENV=production and none set.
 * Secrets are required when the server starts (scripts/start.ts and
 * src/instrumentation.ts), where they are actually used.
 */
export default function config(phase: string): NextConfig {
  if (phase === PHASE_PRODUCTION_BUILD) {
    const { problems } = checkEnv(process.env, "build");
    if (problems.length > 0) {
      throw new Error(`Invalid configuration (${problems.length}):\n${problems.map((problem) => `  ✗ ${problem}`).join("\n")}`);
    }
  }
  return withNextIntl(nextConfig);
}
