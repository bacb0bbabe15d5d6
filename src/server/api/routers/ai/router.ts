import { createTRPCRouter } from "../../trpc";

export const aiRouter = createTRPCRouter({});
