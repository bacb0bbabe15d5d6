import Link from "next/link";

const PILLARS = [
  { title: "Projects & Kanban", body: "Projects, tasks and boards with role-based access." },
  { title: "AI with guardrails", body: "Invoice pre-checks and a chatbot that answers only from your documents, with PII masked." },
  { title: "Billing built in", body: "Subscriptions, usage metering and dunning." },
  { title: "Enterprise tenancy", body: "Shared, schema or isolated databases, in the region your customer needs." },
];

export default function HomePage() {
  return (
    <main className="mx-auto max-w-5xl px-6 py-16">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-600">Open source · self-hostable</p>
      <h1 className="mt-3 text-4xl font-bold tracking-tight sm:text-5xl">Enterprise Business OS</h1>
      <p className="mt-4 max-w-2xl text-lg text-slate-600 dark:text-slate-300">
        The foundation for your B2B SaaS: teams, RBAC, audit logs, projects, invoices checked by AI, billing and tenants
        that grow from a shared database to their own.
      </p>
      <div className="mt-8 flex gap-3">
        <Link href="/sign-up" className="rounded-md bg-brand-600 px-4 py-2.5 text-sm font-medium text-white hover:bg-brand-700">
          Create your team
        </Link>
        <Link
          href="/sign-in"
          className="rounded-md border border-slate-300 px-4 py-2.5 text-sm font-medium hover:bg-white dark:border-slate-600 dark:hover:bg-slate-900"
        >
          Sign in
        </Link>
      </div>
      <ul className="mt-14 grid gap-4 sm:grid-cols-2">
        {PILLARS.map((pillar) => (
          <li key={pillar.title} className="rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-700 dark:bg-slate-900">
            <h2 className="font-semibold">{pillar.title}</h2>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{pillar.body}</p>
          </li>
        ))}
      </ul>
    </main>
  );
}
