import { NotFoundError } from "@/server/errors";
import type { ServerLocale } from "@/server/i18n/translate";
import { ingestionProgress } from "@/server/services/documents/manage";
import type { TeamContext } from "../../trpc";
import { documentSelect, presentDocument } from "./document.select";
import type { GetDocumentInput } from "./get.schema";

export async function getDocument({ ctx, input }: { ctx: TeamContext & { locale: ServerLocale }; input: GetDocumentInput }) {
  const document = await ctx.db.document.findFirst({ where: { id: input.id }, select: documentSelect });
  if (!document) throw new NotFoundError("Document");
  const progress = document.status === "PROCESSING" ? await ingestionProgress(ctx.team.id, [document.id]) : null;
  return presentDocument(document, ctx.locale, progress?.get(document.id));
}
