"use client";

import { useRouter } from "@/i18n/navigation";

/**
 * Follows a provider's page: Stripe's (Checkout, its portal) in this window; the
 * local provider's "portal" is this app's own page, so only its path is followed
 * within the app. Its absolute URL is built from the configured base URL, which
 * may name another host than the browser's (localhost vs 127.0.0.1) and would
 * lose the session cookie.
 */
export function useProviderNavigation(provider: "local" | "stripe"): (url: string) => void {
  const router = useRouter();
  return (url) => {
    if (provider === "local") {
      const target = new URL(url, window.location.href);
      router.push(`${target.pathname}${target.search}`);
      return;
    }
    window.location.assign(url);
  };
}
