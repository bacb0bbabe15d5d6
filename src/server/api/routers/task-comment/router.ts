import { createTRPCRouter, teamProcedure } from "../../trpc";
import { createComment, deleteComment, listComments } from "./task-comment.handler";
import { ZCreateCommentInput, ZDeleteCommentInput, ZListCommentsInput } from "./task-comment.schema";

export const taskCommentRouter = createTRPCRouter({
  list: teamProcedure.input(ZListCommentsInput).query(listComments),
  create: teamProcedure.input(ZCreateCommentInput).mutation(createComment),
  delete: teamProcedure.input(ZDeleteCommentInput).mutation(deleteComment),
});
