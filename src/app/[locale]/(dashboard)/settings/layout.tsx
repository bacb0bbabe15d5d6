import Link from "next/link";

const TABS = [
  { href: "/settings/team", label: "Team" },
  { href: "/settings/notifications", label: "Notifications" },
];

export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <nav aria-label="Settings" className="flex gap-4 border-b border-slate-200 text-sm dark:border-slate-700">
        {TABS.map((tab) => (
          <Link key={tab.href} href={tab.href} className="-mb-px border-b-2 border-transparent px-1 pb-2 font-medium text-slate-600 hover:border-slate-400 dark:text-slate-300">
            {tab.label}
          </Link>
        ))}
      </nav>
      {children}
    </div>
  );
}
