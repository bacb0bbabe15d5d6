import bcrypt from "bcryptjs";
import { z } from "zod";

export const BCRYPT_COST = 12;

/** bcrypt ignores everything after 72 bytes, so longer passwords are refused rather than silently cut. */
const MAX_PASSWORD_BYTES = 72;

export const ZPassword = z
  .string({ error: "Enter a password." })
  .min(10, "Use at least 10 characters.")
  .refine((value) => new TextEncoder().encode(value).length <= MAX_PASSWORD_BYTES, {
    message: `Use at most ${MAX_PASSWORD_BYTES} bytes (about 72 plain characters).`,
  })
  .refine((value) => /[a-zA-Z]/.test(value) && /[0-9]/.test(value), {
    message: "Use at least one letter and one digit.",
  })
  .refine((value) => value.trim().length === value.length, {
    message: "Do not start or end the password with a space.",
  });

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the account does not exist, so a wrong email costs the
// same time as a wrong password and the response cannot reveal which it was.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= bcrypt.hash("dummy-password-for-timing-0", BCRYPT_COST);
  await bcrypt.compare(password, await dummyHash);
}
