import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProjectsView } from "@/components/projects/projects-view";
import { HydrateClient, serverApi } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("projects");
  return { title: t("title") };
}

export default async function ProjectsPage() {
  const current = await serverApi.team.current();
  void serverApi.project.list.prefetch({ limit: 50 });
  return (
    <HydrateClient>
      <ProjectsView permissions={current.permissions} />
    </HydrateClient>
  );
}
