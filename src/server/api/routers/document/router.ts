import { createTRPCRouter } from "../../trpc";

export const documentRouter = createTRPCRouter({});
