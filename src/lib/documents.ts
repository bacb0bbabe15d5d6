/**
 * What the knowledge base accepts, shared by the upload route (the rule) and the
 * upload zone (a pre-check that saves sending a file the server would refuse).
 * Isomorphic: no server imports.
 */
export const DOCUMENT_KINDS = {
  pdf: { extensions: [".pdf"], mimeType: "application/pdf" },
  docx: {
    extensions: [".docx"],
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  },
  txt: { extensions: [".txt"], mimeType: "text/plain; charset=utf-8" },
  md: { extensions: [".md", ".markdown"], mimeType: "text/markdown; charset=utf-8" },
} as const;

export type DocumentKind = keyof typeof DOCUMENT_KINDS;

/** 20 MB unless DOCUMENT_MAX_BYTES says otherwise. */
export const DEFAULT_DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

/** For the file picker's `accept`. */
export const DOCUMENT_ACCEPT = Object.values(DOCUMENT_KINDS)
  .flatMap((kind) => kind.extensions)
  .join(",");

/** The kind a file name claims by its extension, or null when it is not one we accept. */
export function documentKindOf(fileName: string): DocumentKind | null {
  const lower = fileName.trim().toLowerCase();
  for (const [kind, { extensions }] of Object.entries(DOCUMENT_KINDS) as Array<[DocumentKind, { extensions: readonly string[] }]>) {
    if (extensions.some((extension) => lower.endsWith(extension) && lower.length > extension.length)) return kind;
  }
  return null;
}

/** "20 MB", "512 KB": sizes in limits and errors, in binary units as the limit is set. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) {
    const mb = bytes / (1024 * 1024);
    return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
  }
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

export const DOCUMENT_STATUSES = ["QUEUED", "PROCESSING", "READY", "FAILED"] as const;
export type DocumentStatusName = (typeof DOCUMENT_STATUSES)[number];

/** Statuses after which nothing changes without the user acting (the list stops polling). */
export function isFinalDocumentStatus(status: DocumentStatusName): boolean {
  return status === "READY" || status === "FAILED";
}
