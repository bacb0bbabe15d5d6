import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CreateTeamForm } from "@/components/dashboard/create-team-form";
import { Card } from "@/components/ui/card";
import { configuredRegions, defaultRegion } from "@/server/db/tenancy/regions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("shell");
  return { title: t("createTeamTitle") };
}

export default async function NewTeamPage() {
  const t = await getTranslations("shell");
  return (
    <Card className="max-w-md">
      <h1 className="mb-1 text-xl font-semibold">{t("createTeamTitle")}</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-300">{t("createTeamHelp")}</p>
      <CreateTeamForm regions={configuredRegions()} defaultRegion={defaultRegion()} />
    </Card>
  );
}
