import { z } from "zod";

export const ZListJobRunsInput = z.object({
  status: z.enum(["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"]).optional(),
  limit: z.number().int().min(1, "Ask for at least 1 run.").max(200, "Ask for at most 200 runs.").default(50),
});
export type ListJobRunsInput = z.infer<typeof ZListJobRunsInput>;
