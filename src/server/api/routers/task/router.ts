import { createTRPCRouter, teamProcedure } from "../../trpc";
import { getBoard, getBoardVersion } from "./board.handler";
import { ZBoardInput } from "./board.schema";
import { createTask } from "./create.handler";
import { ZCreateTaskInput } from "./create.schema";
import { deleteTask } from "./delete.handler";
import { ZDeleteTaskInput } from "./delete.schema";
import { getTask } from "./get.handler";
import { ZGetTaskInput } from "./get.schema";
import { listTasks } from "./list.handler";
import { ZListTasksInput } from "./list.schema";
import { moveTask } from "./move.handler";
import { ZMoveTaskInput } from "./move.schema";
import { updateTask } from "./update.handler";
import { ZUpdateTaskInput } from "./update.schema";

// Task access is decided per project (project-level roles), inside the handlers.
export const taskRouter = createTRPCRouter({
  board: teamProcedure.input(ZBoardInput).query(getBoard),
  boardVersion: teamProcedure.input(ZBoardInput).query(getBoardVersion),
  list: teamProcedure.input(ZListTasksInput).query(listTasks),
  get: teamProcedure.input(ZGetTaskInput).query(getTask),
  create: teamProcedure.input(ZCreateTaskInput).mutation(createTask),
  update: teamProcedure.input(ZUpdateTaskInput).mutation(updateTask),
  move: teamProcedure.input(ZMoveTaskInput).mutation(moveTask),
  delete: teamProcedure.input(ZDeleteTaskInput).mutation(deleteTask),
});
