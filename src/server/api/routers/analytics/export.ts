import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { z, ZodError } from "zod";
import { DomainError } from "@/server/errors";
import { parseLocale, translateMessage, translateValidationMessage, type ServerLocale } from "@/server/i18n/translate";
import { describeError } from "@/server/log";
import { CSV_TABLES, platformCsv, teamCsv } from "@/server/services/analytics/csv";
import { GENERIC_INTERNAL_MESSAGE, toTRPCError } from "../../error-formatter";
import { createHttpContext } from "../../http-context";
import { createCaller } from "../../root";

/**
 * GET /api/analytics/export?scope=team|platform&from=YYYY-MM-DD&to=YYYY-MM-DD[&table=summary|series|users]
 * — a report as a CSV download. The report is fetched through the tRPC caller
 * of the request's session, so the procedure chain decides access exactly as for
 * the dashboard (session → team → analytics:read for scope=team; superadmin,
 * recorded, for scope=platform), the same zod schema checks the range, and the
 * same cache answers.
 */
const ZExportQuery = z.object({
  scope: z.enum(["team", "platform"], { error: "Choose scope=team or scope=platform." }),
  table: z.enum(CSV_TABLES, { error: "Choose table=summary, series or users." }),
  from: z.string(),
  to: z.string(),
});

function requestLocale(headers: Headers): ServerLocale {
  return parseLocale(headers.get("x-locale") ?? /(?:^|;\s*)NEXT_LOCALE=(\w+)/.exec(headers.get("cookie") ?? "")?.[1]);
}

export async function exportAnalyticsCsv(request: Request): Promise<Response> {
  const locale = requestLocale(request.headers);
  let requestId: string | null = null;
  try {
    const params = new URL(request.url).searchParams;
    const query = ZExportQuery.parse({
      scope: params.get("scope") ?? "",
      table: params.get("table") ?? "series",
      // Missing dates reach the range schema as "" and get its "Use a date like …" message.
      from: params.get("from") ?? "",
      to: params.get("to") ?? "",
    });
    const ctx = await createHttpContext(request.headers, { rateLimited: true });
    requestId = ctx.requestId;
    const caller = createCaller(ctx);
    const range = { from: query.from, to: query.to };
    const csv =
      query.scope === "team" ? teamCsv(await caller.analytics.team(range), query.table) : platformCsv(await caller.analytics.platform(range), query.table);
    // Only date characters reach the header (the range schema trims what it checks).
    const day = (value: string) => value.replace(/[^0-9-]/g, "").slice(0, 10);
    const fileName = `analytics-${query.scope}-${query.table}-${day(range.from)}-to-${day(range.to)}.csv`;
    return new Response(csv, {
      status: 200,
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${fileName}"`,
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    return errorResponse(error, locale, requestId);
  }
}

/** The JSON error answer: a status, a message in the reader's language, and the fields it is about. */
function errorResponse(error: unknown, locale: ServerLocale, requestId: string | null): Response {
  // A bare domain error (none is expected outside the caller) gets the tRPC code the formatter would give it.
  const trpc = error instanceof TRPCError ? error : toTRPCError(error);
  const cause = trpc ? trpc.cause : error;
  let status = 500;
  let code = "INTERNAL";
  let message = translateMessage(locale, GENERIC_INTERNAL_MESSAGE);
  let fieldErrors: Record<string, string[]> | null = null;
  if (cause instanceof ZodError) {
    status = 400;
    code = "BAD_REQUEST";
    fieldErrors = {};
    for (const issue of cause.issues) {
      const key = issue.path.length > 0 ? issue.path.join(".") : "_";
      (fieldErrors[key] ??= []).push(translateValidationMessage(locale, issue.message));
    }
    message = Object.entries(fieldErrors)
      .map(([field, messages]) => `${field}: ${messages[0] ?? ""}`)
      .join("; ");
  } else if (trpc && trpc.code !== "INTERNAL_SERVER_ERROR") {
    status = getHTTPStatusCodeFromError(trpc);
    code = cause instanceof DomainError ? cause.code : trpc.code;
    message = cause instanceof DomainError ? translateMessage(locale, cause.template.template, cause.template.values) : translateMessage(locale, trpc.message);
  } else {
    console.error(`[analytics] export ${requestId ?? "?"} failed: ${describeError(error)}`);
  }
  return Response.json({ error: { message, code, fieldErrors, requestId } }, { status, headers: { "cache-control": "no-store" } });
}
