/**
 * Applies the saved theme (or the system's) before the page paints, so a dark
 * theme never flashes light. The script is a constant string: no user input.
 */
const SCRIPT = `(function(){try{var t=localStorage.getItem("theme");var d=t?t==="dark":window.matchMedia("(prefers-color-scheme: dark)").matches;document.documentElement.classList.toggle("dark",d);}catch(e){}})();`;

/**
 * `nonce`: the request's CSP nonce (see src/proxy.ts); without it the policy
 * blocks this inline script. Browsers hide a nonce from the DOM after parsing,
 * so the client never sees the server's value: no hydration warning for that.
 */
export function ThemeScript({ nonce }: { nonce?: string }) {
  return <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: SCRIPT }} />;
}
