import mammoth from "mammoth";
import { extractText as extractPdfText, getDocumentProxy } from "unpdf";
import type { DocumentKind } from "@/lib/documents";
import { UnreadableDocumentError } from "./errors";
import { splitMarkdownSections } from "./markdown-sections";
import { listZipEntries, readZipEntries, storedZip, ZipFormatError, type ZipEntry } from "./zip-inspect";

/**
 * Turns a stored file into text units that keep where they came from: one unit
 * per PDF page (page numbers), one per heading section for Markdown, text and
 * Word files. Every way a file can be unreadable ends in an
 * UnreadableDocumentError whose message is shown to the user as the reason.
 */
export type TextUnit = { text: string; page: number | null; section: string | null };
export type ExtractedText = { units: TextUnit[]; pageCount: number | null };

/** Beyond this a .docx is refused before unpacking (its declared, uncompressed size). */
export const MAX_DOCX_UNPACKED_BYTES = 200 * 1024 * 1024;
/**
 * The most the parts mammoth reads (the XML ones) may really unpack to. They are
 * inflated here within this cap, whatever the zip declares, and mammoth gets only
 * those bytes: it would otherwise inflate whatever the package holds (a zip bomb
 * with small declared sizes) before anything could check.
 */
export const MAX_DOCX_XML_BYTES = 50 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 5_000;

/** Line endings, BOM, control characters and runs of blank lines, normalized. */
export function normalizeText(text: string): string {
  return (
    text
      .replace(/^\uFEFF/, "")
      .replace(/\r\n?/g, "\n")
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "")
      .replace(/[ \t]+\n/g, "\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim()
  );
}

export type ExtractOptions = { maxDocxXmlBytes?: number };

export async function extractDocumentText(kind: DocumentKind, bytes: Uint8Array, options: ExtractOptions = {}): Promise<ExtractedText> {
  switch (kind) {
    case "pdf":
      return extractPdf(bytes);
    case "docx":
      return extractDocx(bytes, options.maxDocxXmlBytes ?? MAX_DOCX_XML_BYTES);
    case "txt":
    case "md":
      return sectionsOf(decodeUtf8(bytes), null);
  }
}

function sectionsOf(text: string, pageCount: number | null): ExtractedText {
  const units = splitMarkdownSections(normalizeText(text)).map(({ text: body, section }) => ({ text: body, page: null, section }));
  if (units.length === 0) throw new UnreadableDocumentError("This document contains no text.");
  return { units, pageCount };
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    throw new UnreadableDocumentError("This text file is not valid UTF-8. Save it as UTF-8 and upload it again.", { cause: error });
  }
}

async function extractPdf(bytes: Uint8Array): Promise<ExtractedText> {
  let pages: string[];
  let pageCount: number;
  try {
    // PDF.js takes ownership of (detaches) the buffer it is given: hand it a copy.
    const pdf = await getDocumentProxy(bytes.slice(), { verbosity: 0, stopAtErrors: false });
    try {
      const result = await extractPdfText(pdf, { mergePages: false });
      pages = result.text;
      pageCount = result.totalPages;
    } finally {
      await pdf.loadingTask.destroy();
    }
  } catch (error) {
    if ((error as { name?: unknown } | null)?.name === "PasswordException") {
      throw new UnreadableDocumentError("This PDF is password-protected. Remove the password and upload it again.", { cause: error });
    }
    throw new UnreadableDocumentError("This PDF could not be read. It may be damaged.", { cause: error });
  }
  const units = pages
    .map((text, index) => ({ text: normalizeText(text), page: index + 1, section: null }))
    .filter((unit) => unit.text.length > 0);
  if (units.length === 0) {
    throw new UnreadableDocumentError("No text was found in this PDF. Scanned pages need text recognition (OCR), which is not supported yet.");
  }
  return { units, pageCount };
}

const DOCX_DAMAGED = "This Word file could not be read. It may be damaged or in the older .doc format.";

/** The package's XML parts: all mammoth reads when images are not converted (media, fonts and embeddings are left out). */
function isXmlPart(entry: ZipEntry): boolean {
  return !entry.name.endsWith("/") && /\.(xml|rels)$/i.test(entry.name);
}

async function extractDocx(bytes: Uint8Array, maxXmlBytes: number): Promise<ExtractedText> {
  let entries;
  try {
    entries = listZipEntries(bytes);
  } catch (error) {
    if (error instanceof ZipFormatError) throw new UnreadableDocumentError(DOCX_DAMAGED, { cause: error });
    throw error;
  }
  if (!entries.some((entry) => entry.name === "word/document.xml")) {
    throw new UnreadableDocumentError("This file is not a Word document (.docx).");
  }
  const unpacked = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (entries.length > MAX_ZIP_ENTRIES || unpacked > MAX_DOCX_UNPACKED_BYTES) {
    throw new UnreadableDocumentError("This Word file unpacks to more than 200 MB, which is not allowed.");
  }

  let xmlOnly: Uint8Array;
  try {
    // A zip whose sizes lie, or whose text parts really unpack past the cap, is refused as damaged.
    xmlOnly = storedZip(readZipEntries(bytes, entries.filter(isXmlPart), maxXmlBytes));
  } catch (error) {
    if (error instanceof ZipFormatError) throw new UnreadableDocumentError(DOCX_DAMAGED, { cause: error });
    throw error;
  }

  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(xmlOnly.buffer, xmlOnly.byteOffset, xmlOnly.byteLength) },
      {
        // Linked files outside the package are never read, and images are not needed for text (nor in the package).
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async () => ({ src: "" })),
      },
    );
    html = result.value;
  } catch (error) {
    throw new UnreadableDocumentError(DOCX_DAMAGED, { cause: error });
  }
  return sectionsOf(htmlToMarkdownText(html), null);
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === "#") {
      const code = entity[1] === "x" || entity[1] === "X" ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
    }
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

/**
 * mammoth's HTML (headings from Word's heading styles, paragraphs, lists, tables)
 * as Markdown-like text: headings become "#" lines, so Word files get the same
 * section labels as Markdown files.
 */
export function htmlToMarkdownText(html: string): string {
  return decodeEntities(
    html
      .replace(/<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/gi, (_, level: string, inner: string) => {
        const heading = inner.replace(/<[^>]+>/g, "").trim();
        return heading ? `\n\n${"#".repeat(Number(level))} ${heading}\n\n` : "\n\n";
      })
      .replace(/<li[^>]*>/gi, "\n- ")
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/<\/(p|li|tr|table|ul|ol|blockquote)>/gi, "\n\n")
      .replace(/<\/t[dh]>/gi, " \t")
      .replace(/<[^>]+>/g, ""),
  );
}
