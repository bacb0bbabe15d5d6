import { z } from "zod";
import { ZPassword } from "../../auth/password";
import { ZRegionId } from "../team/region.schema";

export const ZEmail = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address."));

export const ZSignUpInput = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
  email: ZEmail,
  password: ZPassword,
  teamName: z
    .string()
    .trim()
    .max(80, "Use at most 80 characters.")
    .optional()
    .transform((value) => (value ? value : undefined)),
  /** Where the new team's data lives; the installation's default when absent. Ignored when joining by invitation. */
  region: ZRegionId.optional(),
});
export type SignUpInput = z.infer<typeof ZSignUpInput>;

export const ZSignInInput = z.object({
  email: ZEmail,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(1024),
});
export type SignInInput = z.infer<typeof ZSignInInput>;
