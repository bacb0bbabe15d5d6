import type { ServerLocale } from "@/server/i18n/translate";
import { translateMessage } from "@/server/i18n/translate";
import type { IngestionProgress } from "@/server/services/documents/manage";

/** The fields of a document the API returns. */
export const documentSelect = {
  id: true,
  name: true,
  mimeType: true,
  sizeBytes: true,
  status: true,
  error: true,
  pageCount: true,
  chunkCount: true,
  uploadedById: true,
  createdAt: true,
  updatedAt: true,
} as const;

type SelectedDocument = {
  id: string;
  error: string | null;
};

/** The failure reason in the reader's language (reasons are stored as their English template), and the run's progress. */
export function presentDocument<T extends SelectedDocument>(document: T, locale: ServerLocale, progress?: IngestionProgress) {
  return {
    ...document,
    error: document.error === null ? null : translateMessage(locale, document.error),
    progress: progress ?? null,
  };
}
