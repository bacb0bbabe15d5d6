import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { auth } from "@/server/auth";
import { isSuperAdmin } from "@/server/services/platform/superadmin";
import { serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Platform" };

export default async function PlatformPage() {
  const session = await auth();
  if (!session?.user?.id || !(await isSuperAdmin(session.user.id))) notFound();
  const teams = await serverApi.platform.teams();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Tenants</h1>
      <Card className="overflow-x-auto p-0">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-700">
            <tr>
              <th className="px-4 py-3">Team</th>
              <th className="px-4 py-3">Tier</th>
              <th className="px-4 py-3">Region</th>
              <th className="px-4 py-3">Status</th>
              <th className="px-4 py-3 text-right">Members</th>
              <th className="px-4 py-3 text-right">Projects</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {teams.map((team) => (
              <tr key={team.id}>
                <td className="px-4 py-3 font-medium">{team.name}</td>
                <td className="px-4 py-3">{team.tier}</td>
                <td className="px-4 py-3">{team.region}</td>
                <td className="px-4 py-3">{team.status}</td>
                <td className="px-4 py-3 text-right">{team.members}</td>
                <td className="px-4 py-3 text-right">{team.projects}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
