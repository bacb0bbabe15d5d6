/** The ingestion job's name (src/server/jobs/ingest-document.ts) and its run keys. */
export const INGEST_DOCUMENT_JOB = "ingest-document";

/**
 * One run per upload (`ingest-document:<id>`); a retry asks for a new run, so it
 * gets its own key. Keys start with the document id so a run can be matched to
 * its document (progress in the list).
 */
export function ingestJobKey(documentId: string, retry?: string): string {
  return retry ? `${INGEST_DOCUMENT_JOB}:${documentId}:${retry}` : `${INGEST_DOCUMENT_JOB}:${documentId}`;
}

export function documentIdOfIngestKey(key: string): string | null {
  const [job, documentId] = key.split(":");
  return job === INGEST_DOCUMENT_JOB && documentId ? documentId : null;
}
