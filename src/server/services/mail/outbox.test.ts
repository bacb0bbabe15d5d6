import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { uniqueSuffix } from "../../../../test/factories";
import { getBaseDb } from "../../db/client";
import { configuredMailer, ResendMailer, type Mailer } from "./mailer";
import { dispatchOutbox, enqueueEmail, escapeHtml, MAX_ATTEMPTS } from "./outbox";

const draft = (to: string) => ({ to, subject: "Hello", text: "Plain <b>text</b>", kind: "test" });

describe("email outbox", () => {
  it("keeps mail in the dev mailbox without a provider", async () => {
    const to = `dev-${uniqueSuffix()}@test.local`;
    const { id } = await enqueueEmail(draft(to));
    const result = await dispatchOutbox({ mailer: null, onlyTo: to });
    expect(result.devMailbox).toBeGreaterThanOrEqual(1);
    expect(await getBaseDb().emailMessage.findUnique({ where: { id } })).toMatchObject({ status: "DEV_MAILBOX", attempts: 1 });
  });

  it("retries a failing provider, records the error, then gives up", async () => {
    const to = `flaky-${uniqueSuffix()}@test.local`;
    const { id } = await enqueueEmail(draft(to));
    let calls = 0;
    const failing: Mailer = {
      name: "failing",
      send: () => {
        calls++;
        return Promise.reject(new Error("503 from provider, key sk_live_secret123"));
      },
    };
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) await dispatchOutbox({ mailer: failing, onlyTo: to });
    const message = await getBaseDb().emailMessage.findUniqueOrThrow({ where: { id } });
    expect(message).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS });
    expect(message.lastError).toContain("503 from provider");
    expect(message.lastError).not.toContain("secret123");
    expect(calls).toBeGreaterThanOrEqual(MAX_ATTEMPTS);
  });

  it("never sends one message twice when dispatchers run at the same time", async () => {
    const to = `once-${uniqueSuffix()}@test.local`;
    const { id } = await enqueueEmail(draft(to));
    const sent: string[] = [];
    const mailer: Mailer = {
      name: "counting",
      send: async (email) => {
        sent.push(email.id);
        await new Promise((resolve) => setTimeout(resolve, 20));
        return { providerId: `p-${email.id}` };
      },
    };
    await Promise.all([dispatchOutbox({ mailer, onlyTo: to }), dispatchOutbox({ mailer, onlyTo: to }), dispatchOutbox({ mailer, onlyTo: to })]);
    expect(sent.filter((x) => x === id)).toHaveLength(1);
    expect(await getBaseDb().emailMessage.findUnique({ where: { id } })).toMatchObject({ status: "SENT", providerId: `p-${id}` });
  });

  it("takes over a message whose dispatcher crashed mid-send, after its lease", async () => {
    const to = `crashed-${uniqueSuffix()}@test.local`;
    const { id } = await enqueueEmail(draft(to));
    await getBaseDb().emailMessage.update({
      where: { id },
      data: { status: "SENDING", attempts: 1, lockedUntil: new Date(Date.now() + 60_000) },
    });
    await dispatchOutbox({ mailer: null, onlyTo: to });
    expect((await getBaseDb().emailMessage.findUniqueOrThrow({ where: { id } })).status).toBe("SENDING");
    await getBaseDb().emailMessage.update({ where: { id }, data: { lockedUntil: new Date(Date.now() - 1) } });
    await dispatchOutbox({ mailer: null, onlyTo: to });
    expect(await getBaseDb().emailMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "DEV_MAILBOX", attempts: 2 });
  });

  it("talks to Resend's API with the message id as idempotency key", async () => {
    const requests: Array<{ url: string; headers: http.IncomingHttpHeaders; body: string }> = [];
    const server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        requests.push({ url: req.url ?? "", headers: req.headers, body });
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ id: "re_123" }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const mailer = new ResendMailer("re_test_key", "Team <team@example.com>", `http://127.0.0.1:${port}`);
      await expect(mailer.send({ id: "m1", to: "a@b.test", subject: "S", text: "T", html: null })).resolves.toEqual({ providerId: "re_123" });
      expect(requests[0]?.url).toBe("/emails");
      expect(requests[0]?.headers["idempotency-key"]).toBe("ebos-m1");
      expect(requests[0]?.headers.authorization).toBe("Bearer re_test_key");
      expect(JSON.parse(requests[0]?.body ?? "{}")).toMatchObject({ to: "a@b.test", subject: "S", text: "T" });
    } finally {
      server.close();
    }
  });

  it("uses Resend only when configured, and escapes HTML", () => {
    expect(configuredMailer({})).toBeNull();
    expect(configuredMailer({ RESEND_API_KEY: "re_x" })?.name).toBe("resend");
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});

describe("dev mailbox", () => {
  it("is only on when asked for and no provider is configured", async () => {
    const { devMailboxEnabled } = await import("./dev-mailbox");
    expect(devMailboxEnabled({})).toBe(false);
    expect(devMailboxEnabled({ DEV_MAILBOX: "on" })).toBe(true);
    expect(devMailboxEnabled({ DEV_MAILBOX: "on", RESEND_API_KEY: "re_x" })).toBe(false);
  });
});
