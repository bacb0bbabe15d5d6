import { documentErrorResponse, requestLocale, withDocumentAccess } from "@/server/api/routers/document/http-access";
import { ZDocumentId } from "@/server/api/routers/document/get.schema";
import { NotFoundError } from "@/server/errors";
import { getStorage } from "@/server/services/storage";

/**
 * GET /api/documents/:id/file — the stored file, only for members of the team
 * that owns it (anyone else gets the same 404 as for a missing document). Always
 * a download, never rendered by the browser: attachment, nosniff and a sandbox
 * policy, so an uploaded file can never run as part of this site.
 */
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** filename= for old clients (ASCII only), filename*= for the real name. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const locale = requestLocale(request.headers);
  try {
    const id = ZDocumentId.safeParse((await params).id);
    if (!id.success) throw new NotFoundError("Document");
    return await withDocumentAccess(request, "read", async (access) => {
      const document = await access.db.document.findFirst({
        where: { id: id.data },
        select: { name: true, mimeType: true, storageKey: true },
      });
      if (!document) throw new NotFoundError("Document");
      const stored = await getStorage().get(document.storageKey);
      if (!stored) throw new NotFoundError("The stored file");
      return new Response(stored.stream(), {
        status: 200,
        headers: {
          "content-type": document.mimeType,
          "content-length": String(stored.size),
          "content-disposition": contentDisposition(document.name),
          "x-content-type-options": "nosniff",
          "content-security-policy": "default-src 'none'; sandbox",
          "cache-control": "private, no-store",
        },
      });
    });
  } catch (error) {
    return documentErrorResponse(error, locale);
  }
}
