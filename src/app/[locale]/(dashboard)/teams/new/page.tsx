import type { Metadata } from "next";
import { CreateTeamForm } from "@/components/dashboard/create-team-form";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "New team" };

export default function NewTeamPage() {
  return (
    <Card className="max-w-md">
      <h1 className="mb-1 text-xl font-semibold">Create a team</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-300">
        Teams keep their projects and data apart. You will be the owner and can switch between teams at any time.
      </p>
      <CreateTeamForm />
    </Card>
  );
}
