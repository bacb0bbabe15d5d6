import { DOCUMENT_KINDS, documentKindOf, type DocumentKind } from "@/lib/documents";
import { ValidationError } from "../../errors";
import { UnsupportedFileTypeError } from "./errors";

/** How many leading bytes decide whether the content matches the extension. */
export const HEAD_BYTES = 8 * 1024;
const MAX_NAME_LENGTH = 200;

export type CheckedName = { kind: DocumentKind; displayName: string; mimeType: string };

/** The name as shown in the list: the last path segment, without control characters. */
function displayNameOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  return base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
}

/** Checks the file name before any byte is read: present, short enough, an accepted extension. */
export function checkFileName(fileName: string | null | undefined): CheckedName {
  const displayName = displayNameOf(fileName ?? "");
  if (!displayName) throw new ValidationError("Choose a file to upload.", "file");
  if (displayName.length > MAX_NAME_LENGTH) throw new ValidationError("Use a file name of at most 200 characters.", "file");
  const kind = documentKindOf(displayName);
  if (!kind) throw new UnsupportedFileTypeError("Only PDF, Word (.docx), text (.txt) and Markdown (.md) files can be uploaded.");
  return { kind, displayName, mimeType: DOCUMENT_KINDS[kind].mimeType };
}

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  return signature.every((byte, i) => bytes[at + i] === byte);
}

const PDF_SIGNATURE = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04]; // "PK\3\4": a .docx is a zip package

/**
 * Checks the first bytes against the extension, so a renamed executable or an
 * image called "report.pdf" is refused before it is stored. `head` is the first
 * HEAD_BYTES bytes (fewer for a smaller file); an empty head means an empty file.
 */
export function checkFileHead(kind: DocumentKind, head: Uint8Array): void {
  if (head.byteLength === 0) throw new ValidationError("The file is empty.", "file");
  switch (kind) {
    case "pdf": {
      // Readers accept the header anywhere in the first 1024 bytes (some tools prepend junk).
      const window = head.subarray(0, 1024);
      let found = false;
      for (let i = 0; i + PDF_SIGNATURE.length <= window.byteLength && !found; i++) found = startsWith(window, PDF_SIGNATURE, i);
      if (!found) throw new UnsupportedFileTypeError("This file is not a PDF: its content does not match the .pdf extension.");
      return;
    }
    case "docx":
      if (!startsWith(head, ZIP_SIGNATURE)) {
        throw new UnsupportedFileTypeError("This file is not a Word document: its content does not match the .docx extension.");
      }
      return;
    case "txt":
    case "md":
      // Text never contains NUL bytes; binaries (and UTF-16 text) do, early on.
      if (head.includes(0) || startsWith(head, PDF_SIGNATURE) || startsWith(head, ZIP_SIGNATURE)) {
        throw new UnsupportedFileTypeError("This file is not plain text. Save it as UTF-8 text and upload it again.");
      }
      return;
  }
}
