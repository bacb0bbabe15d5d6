import { createTRPCRouter } from "../../trpc";

export const digestRouter = createTRPCRouter({});
