import type { Metadata } from "next";
import { ProjectsView } from "@/components/projects/projects-view";
import { HydrateClient, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage() {
  const current = await serverApi.team.current();
  void serverApi.project.list.prefetch({ limit: 50 });
  return (
    <HydrateClient>
      <ProjectsView permissions={current.permissions} />
    </HydrateClient>
  );
}
