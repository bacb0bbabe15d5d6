import { defineRouting } from "next-intl/routing";

/** English and Indonesian, always in the URL (/en/..., /id/...). */
export const routing = defineRouting({
  locales: ["en", "id"],
  defaultLocale: "en",
  localePrefix: "always",
});

export type Locale = (typeof routing.locales)[number];
