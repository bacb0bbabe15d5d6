import { describe, expect, it } from "vitest";
import { applyMove, neighboursFor, tasksByColumn, type BoardTask } from "./board-model";

const task = (id: string, columnId: string, rank: string): BoardTask => ({
  id,
  columnId,
  rank,
  title: id,
  priority: "MEDIUM",
  assigneeId: null,
  dueDate: null,
  version: 1,
  labelIds: [],
});

describe("board model", () => {
  const board = { tasks: [task("a", "todo", "a1"), task("b", "todo", "a2"), task("c", "todo", "a3"), task("d", "done", "a1")] };
  const columns = ["todo", "done"];

  it("groups tasks by column in rank order", () => {
    const grouped = tasksByColumn([...board.tasks].reverse(), columns);
    expect(grouped.get("todo")?.map((t) => t.id)).toEqual(["a", "b", "c"]);
  });

  it("names the neighbour the API needs", () => {
    const todo = tasksByColumn(board.tasks, columns).get("todo") ?? [];
    expect(neighboursFor(todo, "c", 0)).toMatchObject({ afterId: null, beforeId: "a" });
    expect(neighboursFor(todo, "a", 1)).toMatchObject({ afterId: "b", beforeId: null });
    expect(neighboursFor(todo, "x", 3)).toMatchObject({ afterId: "c", beforeId: null });
  });

  it("moves optimistically within and across columns", () => {
    const top = applyMove(board, "c", { columnId: "todo", index: 0 }, columns);
    expect(tasksByColumn(top.tasks, columns).get("todo")?.map((t) => t.id)).toEqual(["c", "a", "b"]);
    expect(top.tasks.find((t) => t.id === "c")?.version).toBe(2);
    const across = applyMove(board, "a", { columnId: "done", index: 1 }, columns);
    expect(tasksByColumn(across.tasks, columns).get("done")?.map((t) => t.id)).toEqual(["d", "a"]);
    expect(tasksByColumn(across.tasks, columns).get("todo")?.map((t) => t.id)).toEqual(["b", "c"]);
  });
});
