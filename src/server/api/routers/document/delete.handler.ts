import { deleteDocument as deleteStoredDocument } from "@/server/services/documents/manage";
import type { TeamContext } from "../../trpc";
import type { DeleteDocumentInput } from "./delete.schema";

/** Removes the document, its chunks and its stored file. */
export function deleteDocument({ ctx, input }: { ctx: TeamContext; input: DeleteDocumentInput }) {
  return deleteStoredDocument(ctx, input.id);
}
