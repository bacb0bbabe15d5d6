import { z } from "zod";

export const ZUpdateMemberInput = z.object({
  id: z.string().min(1).max(64),
  data: z.object({ role: z.enum(["OWNER", "ADMIN", "MANAGER", "STAFF"]) }),
});
export const ZRemoveMemberInput = z.object({ id: z.string().min(1).max(64) });
export type UpdateMemberInput = z.infer<typeof ZUpdateMemberInput>;
export type RemoveMemberInput = z.infer<typeof ZRemoveMemberInput>;
