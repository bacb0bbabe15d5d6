-- CreateEnum
CREATE TYPE "TenantMigrationStatus" AS ENUM ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'ROLLED_BACK');

-- CreateTable
CREATE TABLE "TenantMigration" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "fromTier" "TenantTier" NOT NULL,
    "toTier" "TenantTier" NOT NULL,
    "fromRegion" TEXT NOT NULL,
    "toRegion" TEXT NOT NULL,
    "status" "TenantMigrationStatus" NOT NULL DEFAULT 'PENDING',
    "step" TEXT NOT NULL DEFAULT 'queued',
    "progress" JSONB,
    "error" TEXT,
    "activeTeamId" TEXT,
    "requestedById" TEXT,
    "statusBefore" "TeamStatus",
    "cleanupAfter" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "switchedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TenantMigration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TenantSyncRun" (
    "id" TEXT NOT NULL,
    "concurrency" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "applied" INTEGER NOT NULL DEFAULT 0,
    "current" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "TenantSyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TenantSyncResult" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "changes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "error" TEXT,
    "durationMs" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TenantSyncResult_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TenantMigration_activeTeamId_key" ON "TenantMigration"("activeTeamId");

-- CreateIndex
CREATE INDEX "TenantMigration_teamId_createdAt_idx" ON "TenantMigration"("teamId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "TenantMigration_status_cleanupAfter_idx" ON "TenantMigration"("status", "cleanupAfter");

-- CreateIndex
CREATE INDEX "TenantSyncRun_startedAt_idx" ON "TenantSyncRun"("startedAt" DESC);

-- CreateIndex
CREATE INDEX "TenantSyncResult_runId_idx" ON "TenantSyncResult"("runId");

-- CreateIndex
CREATE INDEX "TenantSyncResult_teamId_createdAt_idx" ON "TenantSyncResult"("teamId", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "TenantSyncResult" ADD CONSTRAINT "TenantSyncResult_runId_fkey" FOREIGN KEY ("runId") REFERENCES "TenantSyncRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

