import { retryDocument as queueAgain } from "@/server/services/documents/manage";
import type { TeamContext } from "../../trpc";
import type { RetryDocumentInput } from "./retry.schema";

/** Queues a failed document for another ingestion run. */
export function retryDocument({ ctx, input }: { ctx: TeamContext; input: RetryDocumentInput }) {
  return queueAgain(ctx, input.id);
}
