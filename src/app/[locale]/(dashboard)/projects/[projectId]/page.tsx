import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { KanbanBoard } from "@/components/board/kanban-board";
import { ProjectMembersPanel } from "@/components/board/project-members-panel";
import { TaskListView } from "@/components/board/task-list-view";
import { cn } from "@/components/ui/cn";
import { canManageProject } from "@/lib/permissions";
import { HydrateClient, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Project" };

const VIEWS = [
  { id: "board", label: "Board" },
  { id: "list", label: "List" },
  { id: "members", label: "Members" },
] as const;

export default async function ProjectPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { projectId } = await params;
  const requested = (await searchParams).view;
  const view = VIEWS.find((v) => v.id === requested)?.id ?? "board";
  const project = await serverApi.project.get({ id: projectId }).catch(() => null);
  if (!project) notFound();
  void serverApi.task.board.prefetch({ projectId });
  return (
    <HydrateClient>
      <div className="space-y-4">
        <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
          <Link href="/projects" className="hover:underline">
            Projects
          </Link>{" "}
          / <span className="text-slate-800 dark:text-slate-200">{project.name}</span>
        </nav>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-semibold">
            {project.name}
            {project.status === "ARCHIVED" ? <span className="ml-2 rounded bg-slate-200 px-2 py-0.5 text-sm dark:bg-slate-700">archived</span> : null}
          </h1>
          <div role="tablist" aria-label="Project views" className="flex gap-1 rounded-md bg-slate-100 p-1 dark:bg-slate-800">
            {VIEWS.map((v) => (
              <Link
                key={v.id}
                role="tab"
                aria-selected={v.id === view}
                href={`/projects/${projectId}${v.id === "board" ? "" : `?view=${v.id}`}`}
                className={cn("rounded px-3 py-1 text-sm font-medium", v.id === view ? "bg-white shadow-sm dark:bg-slate-900" : "text-slate-600 dark:text-slate-300")}
              >
                {v.label}
              </Link>
            ))}
          </div>
        </div>
        {view === "board" ? <KanbanBoard projectId={projectId} /> : null}
        {view === "list" ? <TaskListView projectId={projectId} /> : null}
        {view === "members" ? <ProjectMembersPanel projectId={projectId} canManage={canManageProject(project.role)} /> : null}
      </div>
    </HydrateClient>
  );
}
