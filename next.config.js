import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Prisma's generated client and pg are server-only dependencies with native-ish
  // loading; keep them out of the bundler.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "@prisma/client", "bcryptjs"],
  typedRoutes: false,
};

export default withNextIntl(nextConfig);
