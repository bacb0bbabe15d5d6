import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { ZodError } from "zod";
import { DomainError, type DomainErrorCode } from "../errors";
import { translateMessage, translateValidationMessage, type ServerLocale } from "../i18n/translate";

/**
 * The one mapping from typed domain errors to tRPC codes (and so HTTP statuses),
 * and the shape clients see: a message written for people, the field it is about,
 * zod's per-field messages, and the request id to quote to support.
 */
const CODES: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  TEAM_LOCKED: "FORBIDDEN",
  UNPROCESSABLE: "UNPROCESSABLE_CONTENT",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  QUOTA_EXCEEDED: "TOO_MANY_REQUESTS",
  AI_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  BILLING_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

export const GENERIC_INTERNAL_MESSAGE = "Something went wrong on our side. Please try again.";

export function toTRPCError(error: unknown): TRPCError | null {
  const cause = error instanceof TRPCError ? error.cause : error;
  if (!(cause instanceof DomainError)) return null;
  const code = CODES[cause.code];
  return new TRPCError({
    code,
    message: code === "INTERNAL_SERVER_ERROR" ? GENERIC_INTERNAL_MESSAGE : cause.message,
    cause,
  });
}

export type AppErrorData = {
  domainCode: DomainErrorCode | null;
  field: string | null;
  fieldErrors: Record<string, string[]> | null;
  requestId: string | null;
};

function zodFieldErrors(error: ZodError, locale: ServerLocale): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "_";
    (out[key] ??= []).push(translateValidationMessage(locale, issue.message));
  }
  return out;
}

export function formatError<Shape extends { message: string; data: object }>(opts: {
  shape: Shape;
  error: TRPCError;
  requestId: string | null;
  /** The reader's language: domain and validation messages are shown in it. */
  locale?: ServerLocale;
}): Shape & { data: Shape["data"] & AppErrorData } {
  const { shape, error, requestId } = opts;
  const locale = opts.locale ?? "en";
  const cause = error.cause;
  let message = shape.message;
  let fieldErrors: Record<string, string[]> | null = null;
  if (cause instanceof ZodError) {
    fieldErrors = zodFieldErrors(cause, locale);
    message = Object.entries(fieldErrors)
      .map(([field, messages]) => (field === "_" ? messages[0] : `${field}: ${messages[0]}`))
      .join("; ");
  } else if (error.code === "INTERNAL_SERVER_ERROR") {
    // Unknown failures may carry SQL, hosts or secrets in their message: never show it.
    message = translateMessage(locale, GENERIC_INTERNAL_MESSAGE);
  } else if (cause instanceof DomainError) {
    message = translateMessage(locale, cause.template.template, cause.template.values);
  }
  const data = { ...(shape.data as Record<string, unknown>) };
  delete data.stack;
  return {
    ...shape,
    message,
    data: {
      ...(data as Shape["data"]),
      domainCode: cause instanceof DomainError ? cause.code : null,
      field: cause instanceof DomainError ? (cause.field ?? null) : null,
      fieldErrors,
      requestId,
    },
  };
}
