-- CreateEnum
CREATE TYPE "SubscriptionStatus" AS ENUM ('ACTIVE', 'TRIALING', 'PAST_DUE', 'UNPAID', 'CANCELED', 'INCOMPLETE');

-- CreateEnum
CREATE TYPE "BillingEventStatus" AS ENUM ('RECEIVED', 'PROCESSED', 'IGNORED', 'FAILED');

-- CreateEnum
CREATE TYPE "MeterReportStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- AlterTable
ALTER TABLE "AiUsageEvent" ADD COLUMN     "meterReportId" TEXT;

-- CreateTable
CREATE TABLE "Subscription" (
    "teamId" TEXT NOT NULL,
    "planId" TEXT NOT NULL DEFAULT 'starter',
    "status" "SubscriptionStatus" NOT NULL DEFAULT 'ACTIVE',
    "provider" TEXT NOT NULL DEFAULT 'local',
    "stripeCustomerId" TEXT,
    "stripeSubscriptionId" TEXT,
    "currentPeriodStart" TIMESTAMP(3) NOT NULL,
    "currentPeriodEnd" TIMESTAMP(3) NOT NULL,
    "cancelAtPeriodEnd" BOOLEAN NOT NULL DEFAULT false,
    "canceledAt" TIMESTAMP(3),
    "paymentMethodStatus" TEXT NOT NULL DEFAULT 'none',
    "paymentMethodLabel" TEXT,
    "stateAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "failedPaymentCount" INTEGER NOT NULL DEFAULT 0,
    "dunningInvoiceId" TEXT,
    "dunningInvoiceAt" TIMESTAMP(3),
    "nextPaymentAttemptAt" TIMESTAMP(3),
    "lastPaidInvoiceAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Subscription_pkey" PRIMARY KEY ("teamId")
);

-- CreateTable
CREATE TABLE "BillingEvent" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "teamId" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "BillingEventStatus" NOT NULL DEFAULT 'RECEIVED',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "BillingEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RevenueEvent" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "planId" TEXT,
    "previousPlanId" TEXT,
    "mrrCents" INTEGER NOT NULL,
    "previousMrrCents" INTEGER NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RevenueEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingInvoice" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "number" TEXT,
    "status" TEXT NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'usd',
    "amountDueCents" INTEGER NOT NULL,
    "amountPaidCents" INTEGER NOT NULL DEFAULT 0,
    "periodStart" TIMESTAMP(3),
    "periodEnd" TIMESTAMP(3),
    "hostedUrl" TEXT,
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "nextPaymentAttemptAt" TIMESTAMP(3),
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "paidAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BillingInvoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeterReport" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "customerRef" TEXT NOT NULL,
    "eventName" TEXT NOT NULL,
    "tokens" INTEGER NOT NULL,
    "usageFrom" TIMESTAMP(3) NOT NULL,
    "usageTo" TIMESTAMP(3) NOT NULL,
    "status" "MeterReportStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "MeterReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingNotice" (
    "key" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BillingNotice_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_stripeCustomerId_key" ON "Subscription"("stripeCustomerId");

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_stripeSubscriptionId_key" ON "Subscription"("stripeSubscriptionId");

-- CreateIndex
CREATE INDEX "Subscription_status_idx" ON "Subscription"("status");

-- CreateIndex
CREATE INDEX "BillingEvent_teamId_receivedAt_idx" ON "BillingEvent"("teamId", "receivedAt" DESC);

-- CreateIndex
CREATE INDEX "BillingEvent_status_receivedAt_idx" ON "BillingEvent"("status", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "BillingEvent_source_externalId_key" ON "BillingEvent"("source", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "RevenueEvent_sourceKey_key" ON "RevenueEvent"("sourceKey");

-- CreateIndex
CREATE INDEX "RevenueEvent_occurredAt_idx" ON "RevenueEvent"("occurredAt");

-- CreateIndex
CREATE INDEX "RevenueEvent_teamId_occurredAt_idx" ON "RevenueEvent"("teamId", "occurredAt");

-- CreateIndex
CREATE INDEX "BillingInvoice_teamId_issuedAt_idx" ON "BillingInvoice"("teamId", "issuedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "BillingInvoice_provider_externalId_key" ON "BillingInvoice"("provider", "externalId");

-- CreateIndex
CREATE INDEX "MeterReport_status_createdAt_idx" ON "MeterReport"("status", "createdAt");

-- CreateIndex
CREATE INDEX "MeterReport_teamId_createdAt_idx" ON "MeterReport"("teamId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "BillingNotice_teamId_createdAt_idx" ON "BillingNotice"("teamId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "AiUsageEvent_meterReportId_createdAt_idx" ON "AiUsageEvent"("meterReportId", "createdAt");

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Every existing team starts on the Starter plan (local billing), for the current
-- calendar month, and the revenue ledger gets its "new" row at the team's creation,
-- so MRR counts every team from the start. New teams get both at creation
-- (src/server/services/billing/subscriptions.ts).
INSERT INTO "Subscription" ("teamId", "planId", "status", "provider", "currentPeriodStart", "currentPeriodEnd", "updatedAt")
SELECT t."id", 'starter', 'ACTIVE', 'local',
       date_trunc('month', now() AT TIME ZONE 'UTC'),
       date_trunc('month', now() AT TIME ZONE 'UTC') + interval '1 month',
       now()
FROM "Team" t
ON CONFLICT ("teamId") DO NOTHING;

INSERT INTO "RevenueEvent" ("id", "teamId", "kind", "planId", "previousPlanId", "mrrCents", "previousMrrCents", "occurredAt", "sourceKey")
SELECT 'rev_backfill_' || t."id", t."id", 'new', 'starter', NULL, 2900, 0, t."createdAt", 'backfill:' || t."id"
FROM "Team" t
ON CONFLICT ("sourceKey") DO NOTHING;
