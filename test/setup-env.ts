import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, inject } from "vitest";
import { closeDb } from "../src/server/db/client";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.TENANT_DATABASE_TEMPLATE = inject("tenantTemplate");
process.env.AUTH_SECRET ??= "test-secret-that-is-long-enough-0123456789";
// Parallel test files share one database: mail is dispatched explicitly per test.
process.env.EMAIL_DISPATCH = "manual";
// Uploaded files of the test run stay out of the checkout's .data/.
process.env.UPLOADS_DIR ??= join(tmpdir(), `ebos-test-uploads-${inject("databaseUrl").split("/").pop() ?? "run"}`);

afterAll(async () => {
  await closeDb();
});
