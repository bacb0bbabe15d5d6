import type { ServerLocale } from "@/server/i18n/translate";
import { ingestionProgress } from "@/server/services/documents/manage";
import type { TeamContext } from "../../trpc";
import { documentSelect, presentDocument } from "./document.select";
import type { ListDocumentsInput } from "./list.schema";

/** The team's documents, newest first, with each one's ingestion status (and progress while processing). */
export async function listDocuments({ ctx, input }: { ctx: TeamContext & { locale: ServerLocale }; input: ListDocumentsInput }) {
  const rows = await ctx.db.document.findMany({
    select: documentSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const hasMore = rows.length > input.limit;
  const page = hasMore ? rows.slice(0, input.limit) : rows;
  const processing = page.filter((document) => document.status === "PROCESSING").map((document) => document.id);
  const progress = await ingestionProgress(ctx.team.id, processing);
  const items = page.map((document) => presentDocument(document, ctx.locale, progress.get(document.id)));
  return { items, nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null };
}
