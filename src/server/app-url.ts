/** The app's public base URL for links in emails (AUTH_URL, else the local start script's address). */
export function appUrl(path: string): string {
  const base = process.env.AUTH_URL?.replace(/\/$/, "") || `http://${process.env.HOST ?? "127.0.0.1"}:${process.env.PORT ?? "3000"}`;
  return `${base}${path}`;
}
