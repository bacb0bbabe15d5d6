import { ValidationError } from "@/server/errors";
import { documentErrorResponse, requestLocale, withDocumentAccess } from "@/server/api/routers/document/http-access";
import { receiveUpload } from "@/server/services/documents/upload";

/**
 * POST /api/documents — upload one document as the raw request body, its name in
 * the `x-file-name` header (URI-encoded: headers are ASCII). A raw body rather
 * than multipart lets the browser report upload progress (XMLHttpRequest's
 * upload events) and the server stream it to storage, counting bytes as they
 * arrive: a body over the limit is cut off with 413 and nothing is stored.
 * The custom header also keeps cross-site forms out (they cannot set it).
 *
 * Answers 201 { document } or { error: { message, code, field } } with 400
 * (no name, empty file), 401, 403, 413 (too large), 415 (type not accepted or
 * content not matching the extension), 422, never a bare 500 for bad input.
 */
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function fileNameOf(headers: Headers): string {
  const raw = headers.get("x-file-name");
  if (!raw) throw new ValidationError("Choose a file to upload.", "file");
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ValidationError("The file name is not valid.", "file");
  }
}

function declaredSizeOf(headers: Headers): number | null {
  const raw = headers.get("content-length");
  if (raw === null || !/^\d+$/.test(raw.trim())) return null;
  return Number(raw);
}

export async function POST(request: Request): Promise<Response> {
  const locale = requestLocale(request.headers);
  try {
    return await withDocumentAccess(request, "upload", async (access) => {
      try {
        const document = await receiveUpload(access, {
          fileName: fileNameOf(request.headers),
          declaredSize: declaredSizeOf(request.headers),
          body: request.body,
        });
        return Response.json({ document }, { status: 201, headers: { "cache-control": "no-store" } });
      } catch (error) {
        return documentErrorResponse(error, locale, access.requestId);
      }
    });
  } catch (error) {
    return documentErrorResponse(error, locale);
  }
}
