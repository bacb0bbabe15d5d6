import { z } from "zod";
import { ZDocumentId } from "./get.schema";

export const ZRetryDocumentInput = z.object({ id: ZDocumentId });
export type RetryDocumentInput = z.infer<typeof ZRetryDocumentInput>;
