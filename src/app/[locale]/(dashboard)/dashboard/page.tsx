import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Overview" };

export default async function DashboardPage() {
  const [current, projects] = await Promise.all([serverApi.team.current(), serverApi.project.list({ limit: 5 })]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold" data-testid="team-name">
          {current.team.name}
        </h1>
        <p className="text-sm text-slate-600 dark:text-slate-300">
          You are {current.role.toLowerCase()} of this team · {current.team.tier.toLowerCase()} tier · region {current.team.region}
        </p>
      </div>
      <Card>
        <div className="flex items-center justify-between">
          <h2 className="font-semibold">Recent projects</h2>
          <Link href="/projects" className="text-sm font-medium text-brand-600 hover:underline">
            All projects
          </Link>
        </div>
        {projects.items.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600 dark:text-slate-300">No projects yet. Create the first one on the Projects page.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100 dark:divide-slate-800">
            {projects.items.map((project) => (
              <li key={project.id} className="py-2 text-sm">
                {project.name}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
