-- CreateTable
CREATE TABLE "InvoiceNumberSequence" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL DEFAULT eb_current_team(),
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InvoiceNumberSequence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InvoiceNumberSequence_teamId_year_key" ON "InvoiceNumberSequence"("teamId", "year");


-- Tenant table: team default, forced RLS (see tenancy_rls_audit). Backfilled from
-- the numbers already issued, so the next number continues after the highest.
ALTER TABLE "InvoiceNumberSequence" ALTER COLUMN "teamId" SET DEFAULT eb_current_team();
ALTER TABLE "InvoiceNumberSequence" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "InvoiceNumberSequence" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "InvoiceNumberSequence"
  USING ("teamId" = eb_current_team()) WITH CHECK ("teamId" = eb_current_team());
CREATE POLICY platform_access ON "InvoiceNumberSequence" TO eb_platform USING (true) WITH CHECK (true);

INSERT INTO "InvoiceNumberSequence" ("id", "teamId", "year", "last", "updatedAt")
SELECT 'seq_' || md5("teamId" || ':' || year::text), "teamId", year, max(seq), now()
FROM (
  SELECT "teamId",
         split_part("number", '-', 2)::int AS year,
         split_part("number", '-', 3)::int AS seq
  FROM "Invoice"
  WHERE "number" ~ '^INV-[0-9]{4}-[0-9]+$'
) issued
GROUP BY "teamId", year;
