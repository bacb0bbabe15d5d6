/**
 * Sends one file to POST /api/documents with XMLHttpRequest, whose upload
 * events give a real progress bar (fetch has none for request bodies). The body
 * is the file itself; the name travels URI-encoded in x-file-name.
 */
export type UploadOutcome =
  | { ok: true; documentId: string }
  | { ok: false; reason: "server"; status: number; message: string | null }
  | { ok: false; reason: "network" }
  | { ok: false; reason: "aborted" };

export type UploadHandle = { promise: Promise<UploadOutcome>; abort(): void };

type ErrorBody = { error?: { message?: unknown } };
type SuccessBody = { document?: { id?: unknown } };

export function sendDocument(
  file: File,
  options: { teamId: string; locale: string; onProgress(loaded: number, total: number): void },
): UploadHandle {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<UploadOutcome>((resolve) => {
    xhr.open("POST", "/api/documents");
    xhr.responseType = "json";
    xhr.setRequestHeader("x-file-name", encodeURIComponent(file.name));
    xhr.setRequestHeader("x-team-id", options.teamId);
    xhr.setRequestHeader("x-locale", options.locale);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.upload.onprogress = (event) => {
      options.onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    };
    xhr.onload = () => {
      const body: unknown = xhr.response;
      if (xhr.status === 201) {
        const id = (body as SuccessBody | null)?.document?.id;
        if (typeof id === "string") {
          resolve({ ok: true, documentId: id });
          return;
        }
      }
      const message = (body as ErrorBody | null)?.error?.message;
      resolve({ ok: false, reason: "server", status: xhr.status, message: typeof message === "string" ? message : null });
    };
    xhr.onerror = () => resolve({ ok: false, reason: "network" });
    xhr.onabort = () => resolve({ ok: false, reason: "aborted" });
    xhr.send(file);
  });
  return { promise, abort: () => xhr.abort() };
}
