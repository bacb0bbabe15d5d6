import { defineRouting } from "next-intl/routing";

/** English and Indonesian, always in the URL (/en/..., /id/...). */
export const routing = defineRouting({
  locales: ["en", "id"],
  defaultLocale: "en",
  localePrefix: "always",
  // Set by the middleware and by the language switcher in the browser alike.
  localeCookie: { sameSite: "lax", secure: process.env.NODE_ENV === "production" },
});

export type Locale = (typeof routing.locales)[number];
