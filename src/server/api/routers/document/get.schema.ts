import { z } from "zod";
import { ZId } from "../task/task.schema";

export const ZDocumentId = ZId("Document");

export const ZGetDocumentInput = z.object({ id: ZDocumentId });
export type GetDocumentInput = z.infer<typeof ZGetDocumentInput>;
