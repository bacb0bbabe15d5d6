-- CreateEnum
CREATE TYPE "ProjectRole" AS ENUM ('LEAD', 'MEMBER', 'VIEWER');

-- CreateEnum
CREATE TYPE "TaskCategory" AS ENUM ('TODO', 'IN_PROGRESS', 'DONE');

-- CreateEnum
CREATE TYPE "TaskPriority" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'URGENT');

-- CreateTable
CREATE TABLE "ProjectMember" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL DEFAULT eb_current_team(),
    "projectId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "ProjectRole" NOT NULL DEFAULT 'MEMBER',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProjectMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaskColumn" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL DEFAULT eb_current_team(),
    "name" TEXT NOT NULL,
    "category" "TaskCategory" NOT NULL,
    "position" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TaskColumn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Task" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL DEFAULT eb_current_team(),
    "projectId" TEXT NOT NULL,
    "columnId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "priority" "TaskPriority" NOT NULL DEFAULT 'MEDIUM',
    "assigneeId" TEXT,
    "dueDate" TIMESTAMP(3),
    "rank" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Label" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL DEFAULT eb_current_team(),
    "name" TEXT NOT NULL,
    "color" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Label_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaskLabel" (
    "teamId" TEXT NOT NULL DEFAULT eb_current_team(),
    "taskId" TEXT NOT NULL,
    "labelId" TEXT NOT NULL,

    CONSTRAINT "TaskLabel_pkey" PRIMARY KEY ("taskId","labelId")
);

-- CreateTable
CREATE TABLE "TaskComment" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL DEFAULT eb_current_team(),
    "taskId" TEXT NOT NULL,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TaskComment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProjectMember_teamId_userId_idx" ON "ProjectMember"("teamId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "ProjectMember_projectId_userId_key" ON "ProjectMember"("projectId", "userId");

-- CreateIndex
CREATE INDEX "TaskColumn_teamId_position_idx" ON "TaskColumn"("teamId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "TaskColumn_teamId_id_key" ON "TaskColumn"("teamId", "id");

-- CreateIndex
CREATE INDEX "Task_teamId_projectId_columnId_rank_idx" ON "Task"("teamId", "projectId", "columnId", "rank");

-- CreateIndex
CREATE INDEX "Task_teamId_assigneeId_idx" ON "Task"("teamId", "assigneeId");

-- CreateIndex
CREATE UNIQUE INDEX "Task_teamId_id_key" ON "Task"("teamId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Task_columnId_projectId_rank_key" ON "Task"("columnId", "projectId", "rank");

-- CreateIndex
CREATE UNIQUE INDEX "Label_teamId_id_key" ON "Label"("teamId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Label_teamId_name_key" ON "Label"("teamId", "name");

-- CreateIndex
CREATE INDEX "TaskLabel_teamId_labelId_idx" ON "TaskLabel"("teamId", "labelId");

-- CreateIndex
CREATE INDEX "TaskComment_teamId_taskId_createdAt_idx" ON "TaskComment"("teamId", "taskId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Project_teamId_id_key" ON "Project"("teamId", "id");

-- AddForeignKey
ALTER TABLE "ProjectMember" ADD CONSTRAINT "ProjectMember_teamId_projectId_fkey" FOREIGN KEY ("teamId", "projectId") REFERENCES "Project"("teamId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_teamId_projectId_fkey" FOREIGN KEY ("teamId", "projectId") REFERENCES "Project"("teamId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_teamId_columnId_fkey" FOREIGN KEY ("teamId", "columnId") REFERENCES "TaskColumn"("teamId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskLabel" ADD CONSTRAINT "TaskLabel_teamId_taskId_fkey" FOREIGN KEY ("teamId", "taskId") REFERENCES "Task"("teamId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskLabel" ADD CONSTRAINT "TaskLabel_teamId_labelId_fkey" FOREIGN KEY ("teamId", "labelId") REFERENCES "Label"("teamId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskComment" ADD CONSTRAINT "TaskComment_teamId_taskId_fkey" FOREIGN KEY ("teamId", "taskId") REFERENCES "Task"("teamId", "id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Ranks are fractional-index keys compared byte by byte: the column's collation
-- must not reorder them by locale rules.
ALTER TABLE "Task" ALTER COLUMN "rank" TYPE TEXT COLLATE "C";

-- New tenant tables: new rows belong to the connection's team, RLS forced with
-- the same two policies as "Project" (see the tenancy migration), and the
-- audit trigger on every table whose rows have an id.
DO $$
DECLARE
  table_name text;
BEGIN
  FOREACH table_name IN ARRAY ARRAY['ProjectMember', 'TaskColumn', 'Task', 'Label', 'TaskLabel', 'TaskComment'] LOOP
    EXECUTE format('ALTER TABLE %I ALTER COLUMN "teamId" SET DEFAULT eb_current_team()', table_name);
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', table_name);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', table_name);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING ("teamId" = eb_current_team()) WITH CHECK ("teamId" = eb_current_team())',
      table_name
    );
    EXECUTE format('CREATE POLICY platform_access ON %I TO eb_platform USING (true) WITH CHECK (true)', table_name);
  END LOOP;
  FOREACH table_name IN ARRAY ARRAY['ProjectMember', 'TaskColumn', 'Task', 'Label', 'TaskComment'] LOOP
    EXECUTE format(
      'CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION eb_audit_row()',
      table_name
    );
  END LOOP;
END
$$;
