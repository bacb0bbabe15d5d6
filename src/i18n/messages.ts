/**
 * Messages live in one file per area and language (messages/<locale>/<area>.json),
 * so areas can be translated independently. Adding an area: a JSON file per
 * locale and one line in NAMESPACES. A test checks both languages have exactly
 * the same keys.
 */
export const NAMESPACES = [
  "common",
  "meta",
  "shell",
  "home",
  "auth",
  "dashboard",
  "projects",
  "board",
  "notifications",
  "settings",
  "mailbox",
  "platform",
  "invite",
  "onboarding",
  "invoices",
  "documents",
  "chat",
  "ai",
  "digest",
  "billing",
  "analytics",
] as const;

export type Namespace = (typeof NAMESPACES)[number];

export async function loadMessages(locale: string): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    NAMESPACES.map(async (namespace) => [namespace, (await import(`../../messages/${locale}/${namespace}.json`)).default] as const),
  );
  return Object.fromEntries(entries);
}
