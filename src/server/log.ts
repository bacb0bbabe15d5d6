import { redactUrls } from "./db/redact";

/**
 * One line about an error, safe for logs: its kind, code and first message line,
 * with connection-string passwords, bearer tokens and JWT-looking strings masked.
 * Never the stack's arguments, never the request input.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return "non-error value thrown";
  const code = (error as { code?: unknown }).code;
  const firstLine = (error.message.split("\n")[0] ?? "").slice(0, 300);
  const safe = redactUrls(firstLine)
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, "$1 ***")
    .replace(/\beyJ[A-Za-z0-9_-]{10,}(\.[A-Za-z0-9_-]+)*/g, "***jwt***")
    .replace(/\b(sk|pk|rk)_(live|test)_[A-Za-z0-9]+/g, "$1_$2_***")
    .replace(/\bwhsec_[A-Za-z0-9+/=]+/g, "whsec_***");
  return `${error.name}${typeof code === "string" ? ` [${code}]` : ""}: ${safe}`;
}
