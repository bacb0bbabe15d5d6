import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { KanbanBoard } from "@/components/board/kanban-board";
import { ProjectMembersPanel } from "@/components/board/project-members-panel";
import { TaskListView } from "@/components/board/task-list-view";
import { cn } from "@/components/ui/cn";
import { Link } from "@/i18n/navigation";
import { canManageProject } from "@/lib/permissions";
import { HydrateClient, serverApi } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("projects");
  return { title: t("projectTitle") };
}

const VIEWS = ["board", "list", "members"] as const;

export default async function ProjectPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { projectId } = await params;
  const requested = (await searchParams).view;
  const view = VIEWS.find((v) => v === requested) ?? "board";
  const [t, project] = await Promise.all([getTranslations("projects"), serverApi.project.get({ id: projectId }).catch(() => null)]);
  if (!project) notFound();
  void serverApi.task.board.prefetch({ projectId });
  return (
    <HydrateClient>
      <div className="space-y-4">
        <nav aria-label={t("breadcrumb")} className="text-sm text-slate-500">
          <Link href="/projects" className="hover:underline">
            {t("title")}
          </Link>{" "}
          / <span className="text-slate-800 dark:text-slate-200">{project.name}</span>
        </nav>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-semibold">
            {project.name}
            {project.status === "ARCHIVED" ? <span className="ml-2 rounded bg-slate-200 px-2 py-0.5 text-sm dark:bg-slate-700">{t("archived")}</span> : null}
          </h1>
          <div role="tablist" aria-label={t("views")} className="flex gap-1 rounded-md bg-slate-100 p-1 dark:bg-slate-800">
            {VIEWS.map((v) => (
              <Link
                key={v}
                role="tab"
                aria-selected={v === view}
                href={`/projects/${projectId}${v === "board" ? "" : `?view=${v}`}`}
                className={cn("rounded px-3 py-1 text-sm font-medium", v === view ? "bg-white shadow-sm dark:bg-slate-900" : "text-slate-600 dark:text-slate-300")}
              >
                {t(`view.${v}`)}
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
