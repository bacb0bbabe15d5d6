/**
 * Typed domain errors. Services and the data layer throw these; the tRPC error
 * formatter (src/server/api/error-formatter.ts) is the one place that maps them to
 * transport codes. Messages are written for the end user and never contain
 * secrets, SQL or connection strings. Write them in English, with the msg tag when they
 * carry values: the formatter shows them in the reader's language (see
 * src/server/i18n/messages-id.ts).
 */
import { msg, renderMessage, type Message } from "@/lib/message";

export type DomainErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "TEAM_LOCKED"
  | "UNPROCESSABLE"
  | "PAYLOAD_TOO_LARGE"
  // The team's AI allowance for the period is used up.
  | "QUOTA_EXCEEDED"
  // The AI provider failed, timed out or its circuit is open: the feature degrades, the app does not.
  | "AI_UNAVAILABLE"
  // The billing provider (Stripe) failed or timed out: nothing was charged, the user may retry.
  | "BILLING_UNAVAILABLE"
  // Too many requests from one user or address in a short time (src/server/security/rate-limit).
  | "RATE_LIMITED"
  | "INTERNAL";

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** Optional field the error is about, so a form can show it beside the input. */
  readonly field: string | undefined;
  /** The English template and its values, for showing the message in the reader's language. */
  readonly template: Message;

  constructor(code: DomainErrorCode, message: string | Message, options?: { field?: string; cause?: unknown }) {
    const template = typeof message === "string" ? { template: message, values: [] } : message;
    super(renderMessage(template.template, template.values), options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.field = options?.field;
    this.template = template;
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super("NOT_FOUND", msg`${what} was not found.`);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string | Message = "You do not have permission to do this.") {
    super("FORBIDDEN", message);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message: string | Message = "Please sign in to continue.") {
    super("UNAUTHORIZED", message);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string | Message, field?: string) {
    super("CONFLICT", message, { field });
  }
}

export class ValidationError extends DomainError {
  constructor(message: string | Message, field?: string) {
    super("BAD_REQUEST", message, { field });
  }
}

/** The team is READ_ONLY or SOFT_LOCKED: reads work, writes are refused with the reason. */
export class TeamLockedError extends DomainError {
  readonly status: "READ_ONLY" | "SOFT_LOCKED";

  constructor(status: "READ_ONLY" | "SOFT_LOCKED", reason: string | null) {
    const locked = status === "SOFT_LOCKED";
    super(
      "TEAM_LOCKED",
      reason
        ? locked
          ? msg`This team is locked because of an unpaid invoice: you can read and export data, but changes are disabled until payment is fixed. Reason: ${reason}`
          : msg`This team is read-only at the moment: you can read and export data, but changes are disabled. Reason: ${reason}`
        : locked
          ? "This team is locked because of an unpaid invoice: you can read and export data, but changes are disabled until payment is fixed."
          : "This team is read-only at the moment: you can read and export data, but changes are disabled.",
    );
    this.status = status;
  }
}

/** Over a rate limit: the client may retry after `retryAfterSeconds` (sent as Retry-After). */
export class RateLimitedError extends DomainError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    super("RATE_LIMITED", msg`Too many requests. Please wait ${seconds} seconds and try again.`);
    this.retryAfterSeconds = seconds;
  }
}

/**
 * A query tried to leave its tenant (another team's id in data, a raw query on the
 * tenant client, a control-plane model through the tenant client). A programming
 * error, never a user error: it is reported as INTERNAL without details.
 */
export class TenantViolationError extends DomainError {
  constructor(message: string) {
    super("INTERNAL", message);
  }
}
