-- Town events (town register) become the one source of a town's attainment: titles awarded and
-- stripped (摘帽) on dated events, with the attainment each leaves (lib/domain/attainment.ts).
-- The stored copies (Town.attainment / attainmentYear / inProgramme and
-- CreationTask.attainmentAwarded) are dropped after their data moves into TownEvent rows.

-- CreateEnum
CREATE TYPE "TownEventKind" AS ENUM ('ADDED', 'RENAMED', 'CODE_CHANGED', 'MERGED', 'TITLE_AWARDED', 'TITLE_STRIPPED');

-- CreateTable
CREATE TABLE "TownEvent" (
    "id" SERIAL NOT NULL,
    "townId" INTEGER NOT NULL,
    "kind" "TownEventKind" NOT NULL,
    "effectiveOn" DATE NOT NULL,
    "title" "Attainment",
    "year" INTEGER,
    "attainmentAfter" "Attainment",
    "document" TEXT,
    "note" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TownEvent_pkey" PRIMARY KEY ("id")
);

-- Move the designations of existing tasks into award events, effective on the last day of the
-- task's year; an award never lowers a title, so the attainment after each is the running maximum.
INSERT INTO "TownEvent" ("townId", "kind", "effectiveOn", "title", "year", "attainmentAfter", "note")
SELECT ct."townId", 'TITLE_AWARDED', make_date(ct.year, 12, 31), ct."attainmentAwarded", ct.year,
       MAX(ct."attainmentAwarded") OVER (PARTITION BY ct."townId" ORDER BY ct.year),
       'migrated from CreationTask.attainmentAwarded'
FROM "CreationTask" ct
WHERE ct."attainmentAwarded" IN ('BASIC_COMPLIANCE', 'PROVINCIAL_SAMPLE')
ORDER BY ct."townId", ct.year;

-- DropIndex
DROP INDEX "Town_attainment_idx";

-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "userAgent" TEXT;

-- AlterTable
ALTER TABLE "CreationTask" DROP COLUMN "attainmentAwarded";

-- AlterTable
ALTER TABLE "Town" DROP COLUMN "attainment",
DROP COLUMN "attainmentYear",
DROP COLUMN "inProgramme";

-- CreateIndex
CREATE INDEX "TownEvent_townId_effectiveOn_idx" ON "TownEvent"("townId", "effectiveOn");

-- CreateIndex
CREATE INDEX "TownEvent_createdById_idx" ON "TownEvent"("createdById");

-- AddForeignKey
ALTER TABLE "TownEvent" ADD CONSTRAINT "TownEvent_townId_fkey" FOREIGN KEY ("townId") REFERENCES "Town"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TownEvent" ADD CONSTRAINT "TownEvent_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
