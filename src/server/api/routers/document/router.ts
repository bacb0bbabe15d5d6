import { createTRPCRouter, permissionProcedure } from "../../trpc";
import { deleteDocument } from "./delete.handler";
import { ZDeleteDocumentInput } from "./delete.schema";
import { getDocument } from "./get.handler";
import { ZGetDocumentInput } from "./get.schema";
import { listDocuments } from "./list.handler";
import { ZListDocumentsInput } from "./list.schema";
import { retryDocument } from "./retry.handler";
import { ZRetryDocumentInput } from "./retry.schema";

// Uploads arrive over HTTP (src/app/api/documents/route.ts): a file is a stream, not a tRPC input.
export const documentRouter = createTRPCRouter({
  list: permissionProcedure("document:read").input(ZListDocumentsInput).query(listDocuments),
  get: permissionProcedure("document:read").input(ZGetDocumentInput).query(getDocument),
  delete: permissionProcedure("document:delete").input(ZDeleteDocumentInput).mutation(deleteDocument),
  retry: permissionProcedure("document:create").input(ZRetryDocumentInput).mutation(retryDocument),
});
