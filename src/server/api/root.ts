import { createCallerFactory, createTRPCRouter } from "./trpc";
import { boardColumnRouter } from "./routers/board-column/router";
import { invitationRouter } from "./routers/invitation/router";
import { labelRouter } from "./routers/label/router";
import { notificationRouter } from "./routers/notification/router";
import { platformRouter } from "./routers/platform/router";
import { projectMemberRouter } from "./routers/project-member/router";
import { projectRouter } from "./routers/project/router";
import { taskCommentRouter } from "./routers/task-comment/router";
import { taskRouter } from "./routers/task/router";
import { teamRouter } from "./routers/team/router";
import { customerRouter } from "./routers/customer/router";
import { invoiceRouter } from "./routers/invoice/router";
import { invoiceRulesRouter } from "./routers/invoice-rules/router";
import { documentRouter } from "./routers/document/router";
import { chatRouter } from "./routers/chat/router";
import { aiRouter } from "./routers/ai/router";
import { digestRouter } from "./routers/digest/router";
import { billingRouter } from "./routers/billing/router";
import { analyticsRouter } from "./routers/analytics/router";

/** One line per domain. */
export const appRouter = createTRPCRouter({
  project: projectRouter,
  projectMember: projectMemberRouter,
  task: taskRouter,
  taskComment: taskCommentRouter,
  label: labelRouter,
  boardColumn: boardColumnRouter,
  team: teamRouter,
  invitation: invitationRouter,
  notification: notificationRouter,
  platform: platformRouter,
  customer: customerRouter,
  invoice: invoiceRouter,
  invoiceRules: invoiceRulesRouter,
  document: documentRouter,
  chat: chatRouter,
  ai: aiRouter,
  digest: digestRouter,
  billing: billingRouter,
  analytics: analyticsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
