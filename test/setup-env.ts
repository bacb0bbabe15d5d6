import { afterAll, inject } from "vitest";
import { closeDb } from "../src/server/db/client";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUTH_SECRET ??= "test-secret-that-is-long-enough-0123456789";
// Parallel test files share one database: mail is dispatched explicitly per test.
process.env.EMAIL_DISPATCH = "manual";

afterAll(async () => {
  await closeDb();
});
