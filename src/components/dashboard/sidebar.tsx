import Link from "next/link";

const LINKS = [
  { href: "/dashboard", label: "Overview" },
  { href: "/projects", label: "Projects" },
  { href: "/notifications", label: "Notifications" },
  { href: "/settings/team", label: "Settings" },
  { href: "/mailbox", label: "Mailbox" },
];

export function Sidebar({ isSuperAdmin }: { isSuperAdmin: boolean }) {
  return (
    <nav aria-label="Main" className="flex gap-1 md:flex-col">
      {LINKS.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
        >
          {link.label}
        </Link>
      ))}
      {isSuperAdmin ? (
        <Link href="/platform" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800">
          Platform
        </Link>
      ) : null}
    </nav>
  );
}
