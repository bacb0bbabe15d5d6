import { z } from "zod";

/** IANA zones this runtime knows, plus "UTC" (the default, which Intl lists as Etc/UTC or not at all). */
export function supportedTimeZones(): ReadonlySet<string> {
  return new Set(["UTC", ...Intl.supportedValuesOf("timeZone")]);
}

export const ZUpdateTeamSettingsInput = z.object({
  timezone: z
    .string({ error: "Choose a time zone." })
    .trim()
    .min(1, "Choose a time zone.")
    .max(64, "Choose a time zone from the list.")
    .refine((value) => supportedTimeZones().has(value), { error: "Choose a time zone from the list." }),
});
export type UpdateTeamSettingsInput = z.infer<typeof ZUpdateTeamSettingsInput>;
