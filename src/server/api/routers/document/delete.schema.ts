import { z } from "zod";
import { ZDocumentId } from "./get.schema";

export const ZDeleteDocumentInput = z.object({ id: ZDocumentId });
export type DeleteDocumentInput = z.infer<typeof ZDeleteDocumentInput>;
