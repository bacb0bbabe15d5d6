import { z } from "zod";
import { ZRate } from "../rate-limit/policies";

const MINUTE = 60_000;

const ZDuration = z.number().int().positive();

/**
 * How many failures are tolerated, for how long they are remembered, and how
 * long a refusal lasts. One schema so a typo in a number fails at start-up,
 * not silently in production.
 */
export const ZBruteForceConfig = z
  .object({
    /** Failed sign-ins per account (normalised email) within `failureWindowMs` before it is locked. */
    accountMaxFailures: z.number().int().min(1).max(100),
    /** Failed sign-ins per client address within `failureWindowMs`, across all accounts. */
    ipMaxFailures: z.number().int().min(1).max(10_000),
    failureWindowMs: ZDuration,
    /** The first cool-down; each further lockout within `strikeMemoryMs` doubles it, up to `lockoutMaxMs`. */
    lockoutBaseMs: ZDuration,
    lockoutMaxMs: ZDuration,
    strikeMemoryMs: ZDuration,
    /** Sign-up attempts per client address within `signUpWindowMs`. */
    signUpMaxPerIp: z.number().int().min(1).max(10_000),
    signUpWindowMs: ZDuration,
  })
  // A configuration check for operators, not a message for users (hence no translation).
  .refine((c) => c.lockoutMaxMs >= c.lockoutBaseMs, "lockoutMaxMs must be at least lockoutBaseMs.");

export type BruteForceConfig = z.infer<typeof ZBruteForceConfig>;

export const BRUTE_FORCE_CONFIG: BruteForceConfig = ZBruteForceConfig.parse({
  accountMaxFailures: 5,
  ipMaxFailures: 20,
  failureWindowMs: 15 * MINUTE,
  lockoutBaseMs: 15 * MINUTE,
  lockoutMaxMs: 4 * 60 * MINUTE,
  strikeMemoryMs: 24 * 60 * MINUTE,
  ...signUpLimit(process.env.SIGN_UP_LIMIT),
});

/** Sign-ups per address: 5 an hour, or SIGN_UP_LIMIT ("count/window", e.g. 20/1h) where many people sign up from one address. */
function signUpLimit(raw: string | undefined): { signUpMaxPerIp: number; signUpWindowMs: number } {
  if (raw === undefined || raw.trim() === "") return { signUpMaxPerIp: 5, signUpWindowMs: 60 * MINUTE };
  const { limit, windowMs } = ZRate.parse(raw);
  return { signUpMaxPerIp: limit, signUpWindowMs: windowMs };
}
