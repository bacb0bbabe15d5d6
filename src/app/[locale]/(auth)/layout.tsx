import { LocaleSwitcher } from "@/components/theme/locale-switcher";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { Link } from "@/i18n/navigation";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="absolute right-4 top-4 flex gap-2">
        <LocaleSwitcher />
        <ThemeToggle />
      </div>
      <Link href="/" className="mb-8 text-lg font-bold tracking-tight">
        Enterprise Business OS
      </Link>
      <div className="w-full max-w-sm">{children}</div>
    </main>
  );
}
