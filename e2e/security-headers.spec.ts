import { expect, test, type Page } from "@playwright/test";
import { signUp } from "./helpers";

const suffix = `${Date.now().toString(36)}h`;

/** The headers every response must carry (HSTS is production-only and this server runs over HTTP, so it is not checked here). */
function expectSecurityHeaders(headers: Record<string, string>) {
  expect(headers["content-security-policy"]).toBeTruthy();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
}

/** A page navigation or an API request: both expose their headers the same way. */
function expectPagePolicy(response: { headers(): Record<string, string> } | null) {
  expect(response).not.toBeNull();
  const headers = response?.headers() ?? {};
  expectSecurityHeaders(headers);
  const scriptSrc = /script-src ([^;]*)/.exec(headers["content-security-policy"] ?? "")?.[1] ?? "";
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
  expect(scriptSrc).toContain("'strict-dynamic'");
  expect(scriptSrc).not.toContain("unsafe-inline");
  // The production build must not need eval.
  expect(scriptSrc).not.toContain("unsafe-eval");
}

/**
 * Records every CSP violation of the page: the securitypolicyviolation event (via
 * an init script, so it is listening before the first byte is parsed) and
 * Chrome's console reports.
 */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("__reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
    document.addEventListener("securitypolicyviolation", (event) => {
      report(`${location.pathname}: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sample})`);
    });
  });
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(`${page.url()}: ${message.text()}`);
  });
  return violations;
}

test("pages, API answers and public files carry the security headers", async ({ page, request }) => {
  const signIn = await page.goto("/en/sign-in");
  expectPagePolicy(signIn);

  // A nonce is never reused: two loads, two policies.
  const again = await request.get("/en/sign-in");
  expect(again.headers()["content-security-policy"]).not.toBe(signIn?.headers()["content-security-policy"]);

  expectPagePolicy(await request.get("/id/sign-in"));

  const health = await request.get("/api/health");
  expect(health.ok()).toBe(true);
  expectSecurityHeaders(health.headers());
  expect(health.headers()["content-security-policy"]).toContain("default-src 'none'");

  // Not redirected to /en/... and served as plain text.
  const securityTxt = await request.get("/.well-known/security.txt", { maxRedirects: 0 });
  expect(securityTxt.status()).toBe(200);
  expect(securityTxt.headers()["content-type"]).toMatch(/^text\/plain/);
  expectSecurityHeaders(securityTxt.headers());
  const body = await securityTxt.text();
  expect(body).toMatch(/^Contact: mailto:/m);
  expect(body).toMatch(/^Expires: \d{4}-\d{2}-\d{2}T/m);
  expect(body).toContain("Preferred-Languages: en, id");

  // The theme script (the app's own inline script) carries the page's nonce.
  const nonce = /'nonce-([^']+)'/.exec(signIn?.headers()["content-security-policy"] ?? "")?.[1];
  expect(nonce).toBeTruthy();
  const html = await again.text();
  const pageNonce = /'nonce-([^']+)'/.exec(again.headers()["content-security-policy"] ?? "")?.[1] ?? "";
  expect(html).toContain(`nonce="${pageNonce}"`);
});

test("the main pages run under the CSP without a single violation", async ({ page }) => {
  const violations = await watchViolations(page);

  expectPagePolicy(await page.goto("/en/sign-up"));
  await expect(page.getByRole("button", { name: "Create account" })).toBeVisible();
  expectPagePolicy(await page.goto("/en/sign-in"));
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  expectPagePolicy(await page.goto("/en/pricing"));

  // Sign-up itself runs client code (server action, redirects): it must work under the policy.
  await signUp(page, { name: "Header Checker", email: `headers-${suffix}@e2e.test` });
  const cookies = await page.context().cookies();
  const session = cookies.find((cookie) => cookie.name.endsWith("authjs.session-token"));
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");

  // Signed-in pages carry the headers too.
  expectPagePolicy(await page.goto("/en/dashboard"));
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();

  // A board: create a project and open it, which exercises dnd-kit's inline styles.
  expectPagePolicy(await page.goto("/en/projects"));
  await page.getByLabel("Project name").fill("CSP board");
  await page.getByRole("button", { name: "Create project" }).click();
  await page.getByRole("link", { name: "CSP board" }).click();
  await expect(page.getByTestId("kanban-board")).toBeVisible();
  await page.getByLabel("New task title").fill("Under the policy");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.locator('[data-testid="task-card"][data-task-title="Under the policy"]')).toBeVisible();

  for (const path of ["/en/invoices", "/en/documents", "/en/chat", "/en/settings"]) {
    expectPagePolicy(await page.goto(path));
    await expect(page.getByRole("main")).toBeVisible();
  }
  // Client-side navigation (RSC fetches, prefetching) under the same document policy.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link").first().click();
  await page.waitForLoadState("networkidle");

  expect(violations).toEqual([]);
});
