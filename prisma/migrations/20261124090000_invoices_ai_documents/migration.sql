-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "InvoiceStatus" AS ENUM ('DRAFT', 'SENT', 'PAID', 'OVERDUE', 'VOID');

-- CreateEnum
CREATE TYPE "DocumentStatus" AS ENUM ('QUEUED', 'PROCESSING', 'READY', 'FAILED');

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "aiMonthlyTokenLimit" INTEGER,
ADD COLUMN     "timezone" TEXT NOT NULL DEFAULT 'UTC';

-- CreateTable
CREATE TABLE "AiUsageEvent" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "userId" TEXT,
    "feature" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "costMicros" BIGINT NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL,
    "latencyMs" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AiUsageEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "teamId" TEXT,
    "payload" JSONB NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 5,
    "runAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "lockedBy" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "durationMs" INTEGER,
    "lastError" TEXT,
    "progress" JSONB,
    "result" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Customer" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL DEFAULT eb_current_team(),
    "name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "address" TEXT,
    "taxId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invoice" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL DEFAULT eb_current_team(),
    "number" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "status" "InvoiceStatus" NOT NULL DEFAULT 'DRAFT',
    "currency" TEXT NOT NULL,
    "issueDate" DATE NOT NULL,
    "dueDate" DATE NOT NULL,
    "taxRateBps" INTEGER NOT NULL DEFAULT 0,
    "discountBps" INTEGER NOT NULL DEFAULT 0,
    "subtotalMinor" BIGINT NOT NULL DEFAULT 0,
    "discountMinor" BIGINT NOT NULL DEFAULT 0,
    "taxMinor" BIGINT NOT NULL DEFAULT 0,
    "totalMinor" BIGINT NOT NULL DEFAULT 0,
    "notes" TEXT,
    "sentAt" TIMESTAMP(3),
    "paidAt" TIMESTAMP(3),
    "voidedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvoiceLine" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL DEFAULT eb_current_team(),
    "invoiceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "quantityMilli" INTEGER NOT NULL,
    "unitPriceMinor" BIGINT NOT NULL,
    "amountMinor" BIGINT NOT NULL,

    CONSTRAINT "InvoiceLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvoiceRuleset" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL DEFAULT eb_current_team(),
    "vatRateBps" INTEGER NOT NULL DEFAULT 1100,
    "maxDiscountBps" INTEGER NOT NULL DEFAULT 2000,
    "maxDueDays" INTEGER NOT NULL DEFAULT 30,
    "requiredFields" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "customRules" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InvoiceRuleset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DomainEvent" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL DEFAULT eb_current_team(),
    "type" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DomainEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Document" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL DEFAULT eb_current_team(),
    "name" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "status" "DocumentStatus" NOT NULL DEFAULT 'QUEUED',
    "error" TEXT,
    "pageCount" INTEGER,
    "chunkCount" INTEGER NOT NULL DEFAULT 0,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentChunk" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL DEFAULT eb_current_team(),
    "documentId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "page" INTEGER,
    "section" TEXT,
    "tokenCount" INTEGER NOT NULL,
    "embedding" REAL[],
    "embeddingModel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DocumentChunk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatConversation" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL DEFAULT eb_current_team(),
    "userId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatConversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatMessage" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL DEFAULT eb_current_team(),
    "conversationId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "citations" JSONB,
    "provider" TEXT,
    "grounded" BOOLEAN,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CeoDigest" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL DEFAULT eb_current_team(),
    "date" DATE NOT NULL,
    "timezone" TEXT NOT NULL,
    "metrics" JSONB NOT NULL,
    "insights" JSONB NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CeoDigest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AiUsageEvent_teamId_createdAt_idx" ON "AiUsageEvent"("teamId", "createdAt");

-- CreateIndex
CREATE INDEX "AiUsageEvent_teamId_userId_createdAt_idx" ON "AiUsageEvent"("teamId", "userId", "createdAt");

-- CreateIndex
CREATE INDEX "AiUsageEvent_createdAt_idx" ON "AiUsageEvent"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_key_key" ON "JobRun"("key");

-- CreateIndex
CREATE INDEX "JobRun_status_runAt_idx" ON "JobRun"("status", "runAt");

-- CreateIndex
CREATE INDEX "JobRun_teamId_job_createdAt_idx" ON "JobRun"("teamId", "job", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "JobRun_job_createdAt_idx" ON "JobRun"("job", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Customer_teamId_name_idx" ON "Customer"("teamId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_teamId_id_key" ON "Customer"("teamId", "id");

-- CreateIndex
CREATE INDEX "Invoice_teamId_status_dueDate_idx" ON "Invoice"("teamId", "status", "dueDate");

-- CreateIndex
CREATE INDEX "Invoice_teamId_issueDate_idx" ON "Invoice"("teamId", "issueDate" DESC);

-- CreateIndex
CREATE INDEX "Invoice_teamId_customerId_idx" ON "Invoice"("teamId", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_teamId_id_key" ON "Invoice"("teamId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_teamId_number_key" ON "Invoice"("teamId", "number");

-- CreateIndex
CREATE INDEX "InvoiceLine_teamId_invoiceId_position_idx" ON "InvoiceLine"("teamId", "invoiceId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "InvoiceRuleset_teamId_key" ON "InvoiceRuleset"("teamId");

-- CreateIndex
CREATE INDEX "DomainEvent_teamId_createdAt_idx" ON "DomainEvent"("teamId", "createdAt");

-- CreateIndex
CREATE INDEX "DomainEvent_teamId_type_createdAt_idx" ON "DomainEvent"("teamId", "type", "createdAt");

-- CreateIndex
CREATE INDEX "Document_teamId_createdAt_idx" ON "Document"("teamId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Document_teamId_id_key" ON "Document"("teamId", "id");

-- CreateIndex
CREATE INDEX "DocumentChunk_teamId_embeddingModel_idx" ON "DocumentChunk"("teamId", "embeddingModel");

-- CreateIndex
CREATE UNIQUE INDEX "DocumentChunk_documentId_index_key" ON "DocumentChunk"("documentId", "index");

-- CreateIndex
CREATE INDEX "ChatConversation_teamId_userId_updatedAt_idx" ON "ChatConversation"("teamId", "userId", "updatedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "ChatConversation_teamId_id_key" ON "ChatConversation"("teamId", "id");

-- CreateIndex
CREATE INDEX "ChatMessage_teamId_conversationId_createdAt_idx" ON "ChatMessage"("teamId", "conversationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CeoDigest_teamId_date_key" ON "CeoDigest"("teamId", "date");

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_teamId_customerId_fkey" FOREIGN KEY ("teamId", "customerId") REFERENCES "Customer"("teamId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceLine" ADD CONSTRAINT "InvoiceLine_teamId_invoiceId_fkey" FOREIGN KEY ("teamId", "invoiceId") REFERENCES "Invoice"("teamId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentChunk" ADD CONSTRAINT "DocumentChunk_teamId_documentId_fkey" FOREIGN KEY ("teamId", "documentId") REFERENCES "Document"("teamId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatMessage" ADD CONSTRAINT "ChatMessage_teamId_conversationId_fkey" FOREIGN KEY ("teamId", "conversationId") REFERENCES "ChatConversation"("teamId", "id") ON DELETE CASCADE ON UPDATE CASCADE;


-- ───────── tenancy: RLS, team default, audit (see tenancy_rls_audit) ─────────
DO $$
DECLARE
  table_name text;
BEGIN
  FOREACH table_name IN ARRAY ARRAY['Customer', 'Invoice', 'InvoiceLine', 'InvoiceRuleset', 'DomainEvent', 'Document', 'DocumentChunk', 'ChatConversation', 'ChatMessage', 'CeoDigest'] LOOP
    EXECUTE format('ALTER TABLE %I ALTER COLUMN "teamId" SET DEFAULT eb_current_team()', table_name);
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', table_name);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', table_name);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING ("teamId" = eb_current_team()) WITH CHECK ("teamId" = eb_current_team())',
      table_name
    );
    EXECUTE format('CREATE POLICY platform_access ON %I TO eb_platform USING (true) WITH CHECK (true)', table_name);
  END LOOP;
  FOREACH table_name IN ARRAY ARRAY['Customer', 'Invoice', 'InvoiceLine', 'InvoiceRuleset', 'Document'] LOOP
    EXECUTE format(
      'CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION eb_audit_row()',
      table_name
    );
  END LOOP;
END
$$;

-- ───────── pgvector, where the server has it ─────────
-- Prisma has no vector type, so the column lives outside schema.prisma. Without the
-- extension (e.g. Debian's PostgreSQL 15) the portable store uses "embedding" real[].
-- HNSW over cosine distance; 768 dimensions (Gemini text-embedding-004 and the
-- local hashing embeddings).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
    CREATE EXTENSION IF NOT EXISTS vector;
    ALTER TABLE "DocumentChunk" ADD COLUMN "embeddingVec" vector(768);
    CREATE INDEX "DocumentChunk_embeddingVec_hnsw" ON "DocumentChunk" USING hnsw ("embeddingVec" vector_cosine_ops);
  END IF;
END
$$;
