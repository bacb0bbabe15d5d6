/**
 * /.well-known/security.txt (RFC 9116), built per deployment: each installation
 * names its own contact (SECURITY_CONTACT, a mailto: or https: URI; default the
 * security@ mailbox of the host it is served from) and, if it has one, its
 * disclosure policy (SECURITY_POLICY_URL). Expires is always a year ahead, so a
 * deployment never serves an expired file; Canonical is where it was fetched.
 */
export type SecurityTxtInput = {
  origin: string;
  contact?: string;
  policyUrl?: string;
  now: Date;
};

const YEAR_MS = 365 * 24 * 3_600_000;

export function securityTxt(input: SecurityTxtInput): string {
  const host = new URL(input.origin).hostname;
  const expires = new Date(input.now.getTime() + YEAR_MS);
  expires.setUTCHours(0, 0, 0, 0);
  const lines = [
    "# Security contact (RFC 9116). Please report vulnerabilities privately; see the policy.",
    `Contact: ${input.contact ?? `mailto:security@${host}`}`,
    `Expires: ${expires.toISOString()}`,
    "Preferred-Languages: en, id",
    `Canonical: ${new URL("/.well-known/security.txt", input.origin).toString()}`,
  ];
  if (input.policyUrl) lines.push(`Policy: ${input.policyUrl}`);
  return `${lines.join("\n")}\n`;
}
