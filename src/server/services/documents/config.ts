import { z } from "zod";
import { DEFAULT_DOCUMENT_MAX_BYTES } from "@/lib/documents";

/**
 * Upload limits. DOCUMENT_MAX_BYTES (bytes, default 20 MB) bounds what the upload
 * route accepts and what ingestion reads into memory; an invalid value is a
 * configuration error for the operator, not a silent default.
 */
const ZMaxBytes = z.coerce.number().int().min(1024).max(512 * 1024 * 1024);

export type DocumentLimits = { maxBytes: number };

export function documentLimits(env: Readonly<Record<string, string | undefined>> = process.env): DocumentLimits {
  const raw = env.DOCUMENT_MAX_BYTES?.trim();
  if (!raw) return { maxBytes: DEFAULT_DOCUMENT_MAX_BYTES };
  const parsed = ZMaxBytes.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: DOCUMENT_MAX_BYTES must be a whole number of bytes between 1024 and ${512 * 1024 * 1024}.`);
  }
  return { maxBytes: parsed.data };
}
