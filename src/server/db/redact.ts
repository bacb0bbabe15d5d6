/** Hides the password of any connection URL in a text meant for logs or people. */
export function redactUrls(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/?#\s]*:)[^@/?#\s]*@/gi, "$1***@");
}

/** host:port/db of a connection URL, for messages; never the credentials. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}
