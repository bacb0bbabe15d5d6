import { defineConfig } from "prisma/config";
import { selectSchemaEngine } from "./prisma/engine/locate";

// The Prisma CLI needs a native schema engine it cannot download offline; when none
// is installed we point it at our stand-in, which forwards to @prisma/schema-engine-wasm.
selectSchemaEngine();

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    // Through node, not a bare `tsx`: the CLI may run without node_modules/.bin on PATH.
    seed: "node node_modules/tsx/dist/cli.mjs prisma/seed.ts",
  },
  datasource: {
    // The CLI talks to the admin connection (migrations need DDL rights).
    url: process.env.DATABASE_URL ?? "",
  },
});
