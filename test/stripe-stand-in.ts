import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local HTTP stand-in for the Stripe API (stripe-mock is not available offline).
 * Point the SDK at it with STRIPE_API_BASE=<standIn.url> (the SDK's host / port /
 * protocol options). It records every request — method, path, idempotency key,
 * the form body decoded into an object — so tests assert what the app sends, and
 * answers with Stripe-shaped objects. Faults are injected per path.
 */
export type RecordedRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  idempotencyKey: string | undefined;
  /** The form body as flat `a[b][0]` keys. */
  form: Record<string, string>;
  /** The same, nested: { line_items: [{ price: "price_x", quantity: "1" }] }. */
  body: Record<string, unknown>;
};

export type Responder = (request: RecordedRequest) => { status?: number; body: unknown; delayMs?: number } | undefined;

type Fault = { match: (r: RecordedRequest) => boolean; status: number; body: unknown; delayMs: number; times: number };

export type StripeStandIn = {
  url: string;
  requests: RecordedRequest[];
  /** Requests to a path (exact, or a prefix ending with *), optionally by method. */
  requestsTo(path: string, method?: string): RecordedRequest[];
  /** Answers the next `times` matching requests with this status and error (or delays them). */
  fail(path: string, options?: { status?: number; message?: string; type?: string; times?: number; delayMs?: number; method?: string }): void;
  /** Overrides the answer for matching requests (first responder that returns a value wins). */
  respond(responder: Responder): void;
  reset(): void;
  close(): Promise<void>;
};

const id = (prefix: string) => `${prefix}_${randomBytes(8).toString("hex")}`;

/** Decodes Stripe's form encoding (a[b][0][c]=v) into nested objects and arrays. */
export function decodeForm(form: Record<string, string>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    const parts = key.replace(/\]/g, "").split("[");
    let node: Record<string, unknown> | unknown[] = root;
    parts.forEach((part, index) => {
      const last = index === parts.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(parts[index + 1] ?? "");
      const container = node as Record<string, unknown>;
      if (last) {
        container[part] = value;
        return;
      }
      container[part] ??= nextIsIndex ? [] : {};
      node = container[part] as Record<string, unknown>;
    });
  }
  return root;
}

function defaultAnswer(request: RecordedRequest): { status: number; body: unknown } {
  const now = Math.floor(Date.now() / 1000);
  const { method, path, body } = request;
  if (method === "POST" && path === "/v1/customers") {
    return { status: 200, body: { id: id("cus"), object: "customer", email: body.email ?? null, metadata: body.metadata ?? {}, created: now } };
  }
  if (method === "POST" && path === "/v1/checkout/sessions") {
    const sessionId = id("cs_test");
    return { status: 200, body: { id: sessionId, object: "checkout.session", url: `https://checkout.stripe.test/c/pay/${sessionId}`, mode: body.mode ?? "subscription", customer: body.customer ?? null, metadata: body.metadata ?? {}, created: now } };
  }
  if (method === "POST" && path === "/v1/billing_portal/sessions") {
    const sessionId = id("bps");
    return { status: 200, body: { id: sessionId, object: "billing_portal.session", url: `https://billing.stripe.test/p/session/${sessionId}`, customer: body.customer ?? null, return_url: body.return_url ?? null, created: now } };
  }
  if (method === "POST" && path === "/v1/billing/meter_events") {
    return { status: 200, body: { object: "billing.meter_event", created: now, event_name: body.event_name, identifier: body.identifier ?? id("mev"), livemode: false, payload: body.payload ?? {}, timestamp: Number(body.timestamp ?? now) } };
  }
  return { status: 404, body: { error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path}).` } } };
}

export async function startStripeStandIn(): Promise<StripeStandIn> {
  const requests: RecordedRequest[] = [];
  let faults: Fault[] = [];
  let responders: Responder[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://stand-in");
    const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : v]));
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers,
      idempotencyKey: headers["idempotency-key"],
      form,
      body: decodeForm(form),
    };
    requests.push(recorded);

    const fault = faults.find((f) => f.times > 0 && f.match(recorded));
    if (fault) {
      fault.times -= 1;
      if (fault.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (res.destroyed) return;
      if (fault.status > 0) {
        res.writeHead(fault.status, { "content-type": "application/json", "request-id": id("req") });
        res.end(JSON.stringify(fault.body));
        return;
      }
    }
    let answer: { status?: number; body: unknown; delayMs?: number } | undefined;
    for (const responder of responders) {
      answer = responder(recorded);
      if (answer) break;
    }
    const final = answer ? { status: answer.status ?? 200, body: answer.body } : defaultAnswer(recorded);
    if (answer?.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    if (res.destroyed) return;
    res.writeHead(final.status, { "content-type": "application/json", "request-id": id("req") });
    res.end(JSON.stringify(final.body));
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const pathMatch = (path: string) => (r: RecordedRequest) => (path.endsWith("*") ? r.path.startsWith(path.slice(0, -1)) : r.path === path);

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestsTo(path, method) {
      const match = pathMatch(path);
      return requests.filter((r) => match(r) && (!method || r.method === method));
    },
    fail(path, options = {}) {
      const match = pathMatch(path);
      const status = options.delayMs && options.status === undefined ? 0 : (options.status ?? 500);
      faults.push({
        match: (r) => match(r) && (!options.method || r.method === options.method),
        status,
        body: { error: { type: options.type ?? "api_error", message: options.message ?? "Injected failure." } },
        delayMs: options.delayMs ?? 0,
        times: options.times ?? 1,
      });
    },
    respond(responder) {
      responders.push(responder);
    },
    reset() {
      requests.length = 0;
      faults = [];
      responders = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
