import { createTRPCRouter } from "../../trpc";

export const invoiceRulesRouter = createTRPCRouter({});
