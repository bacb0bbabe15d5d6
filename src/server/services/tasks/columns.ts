import type { TenantRequest } from "../tenant-request";

export const DEFAULT_COLUMNS = [
  { key: "todo", name: "To do", category: "TODO" },
  { key: "in-progress", name: "In progress", category: "IN_PROGRESS" },
  { key: "done", name: "Done", category: "DONE" },
] as const;

export const columnSelect = { id: true, name: true, category: true, position: true } as const;

/**
 * The team's board columns, created on first use. The default columns have
 * ids derived from the team, so two first requests racing each other create
 * them once (insert … on conflict do nothing).
 */
export async function ensureColumns(req: TenantRequest) {
  const existing = await req.db.taskColumn.findMany({ select: columnSelect, orderBy: [{ position: "asc" }, { id: "asc" }] });
  if (existing.length > 0) return existing;
  await req.db.taskColumn.createMany({
    data: DEFAULT_COLUMNS.map((column, position) => ({
      id: `${req.team.id}_${column.key}`,
      name: column.name,
      category: column.category,
      position,
    })),
    skipDuplicates: true,
  });
  return req.db.taskColumn.findMany({ select: columnSelect, orderBy: [{ position: "asc" }, { id: "asc" }] });
}
