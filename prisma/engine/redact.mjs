// Helpers that keep credentials out of anything the stand-in prints.

const URL_WITH_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/@:'"`]*)(:[^\s/@'"`]*)?@/gi;

/** Returns the URL with its password replaced by `****` (and nothing else changed). */
export function maskUrl(url) {
  if (typeof url !== "string" || url === "") return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "****";
    for (const key of [...parsed.searchParams.keys()]) {
      if (/^(password|sslpassword)$/i.test(key)) parsed.searchParams.set(key, "****");
    }
    return parsed.toString();
  } catch {
    return url.replace(URL_WITH_CREDENTIALS, (_, scheme, user, pass) => `${scheme}${user}${pass ? ":****" : ""}@`);
  }
}

/**
 * Builds a function that removes every known secret (passwords and full connection
 * strings) from a piece of text, plus anything that looks like `scheme://user:password@`.
 */
export function makeRedactor(urls) {
  const secrets = [];
  for (const url of urls) {
    if (typeof url !== "string" || url === "") continue;
    secrets.push([url, maskUrl(url)]);
    try {
      const parsed = new URL(url);
      if (parsed.password) {
        const raw = parsed.password;
        let decoded = raw;
        try {
          decoded = decodeURIComponent(raw);
        } catch {
          // keep the raw form only
        }
        // Very short passwords would mangle ordinary words; they are still masked in URLs.
        for (const candidate of new Set([raw, decoded])) {
          if (candidate.length >= 4) secrets.push([candidate, "****"]);
        }
      }
      for (const [key, value] of parsed.searchParams) {
        if (/^(password|sslpassword)$/i.test(key) && value.length >= 4) secrets.push([value, "****"]);
      }
    } catch {
      // not a URL: only the full string is masked
    }
  }
  // Longest first, so a URL is replaced before the password inside it.
  secrets.sort((a, b) => b[0].length - a[0].length);
  return (text) => {
    if (typeof text !== "string") return text;
    let out = text;
    for (const [secret, replacement] of secrets) out = out.split(secret).join(replacement);
    return out.replace(URL_WITH_CREDENTIALS, (_, scheme, user, pass) => `${scheme}${user}${pass ? ":****" : ""}@`);
  };
}
