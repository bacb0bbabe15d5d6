import { createTRPCRouter } from "../../trpc";

export const chatRouter = createTRPCRouter({});
