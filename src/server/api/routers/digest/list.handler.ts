import type { TeamContext } from "../../trpc";
import { digestSelect, toDigestView } from "./digest.select";
import type { ListDigestsInput } from "./list.schema";

export async function listDigests({ ctx, input }: { ctx: TeamContext; input: ListDigestsInput }) {
  const rows = await ctx.db.ceoDigest.findMany({ orderBy: { date: "desc" }, take: input.limit, select: digestSelect });
  return { items: rows.map(toDigestView) };
}
