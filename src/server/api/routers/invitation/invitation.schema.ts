import { z } from "zod";
import { ZEmail } from "@/server/services/account/sign-up.schema";

export const ZCreateInvitationInput = z.object({ email: ZEmail, role: z.enum(["OWNER", "ADMIN", "MANAGER", "STAFF"]).default("STAFF") });
export const ZInvitationIdInput = z.object({ id: z.string().min(1).max(64) });
export type CreateInvitationInput = z.infer<typeof ZCreateInvitationInput>;
export type InvitationIdInput = z.infer<typeof ZInvitationIdInput>;
