import { DomainError } from "../../errors";
import type { Message } from "@/lib/message";

/**
 * The file's type is not one the knowledge base takes, or its content does not
 * match its extension. A BAD_REQUEST for tRPC; the upload route answers 415.
 */
export class UnsupportedFileTypeError extends DomainError {
  readonly httpStatus = 415;

  constructor(message: string | Message) {
    super("BAD_REQUEST", message, { field: "file" });
  }
}

/**
 * The file was stored but cannot be turned into text (damaged, password-protected,
 * no text). Ingestion records the message as the document's failure reason, so it
 * is written for the user and carries no values (it is translated when shown).
 */
export class UnreadableDocumentError extends DomainError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("UNPROCESSABLE", message, options);
  }
}
