import { askQuestion } from "@/server/services/rag/chat";
import type { TeamContext } from "../../trpc";
import type { AskInput } from "./ask.schema";

/** Answers from the team's documents and stores the question with its answer. */
export async function ask({ ctx, input }: { ctx: TeamContext; input: AskInput }) {
  return askQuestion({ db: ctx.db, teamId: ctx.team.id, userId: ctx.user.id }, input);
}
