-- Programme administration (issue 12): years with their dates, the indicator catalogue's
-- retirement and dashboard inputs, town merges and event details, belts and circles by year.
-- Rows that exist already are given the programme's first year (2020) and keep counting; the
-- defaults are dropped afterwards so every new row states its years.

-- AlterTable
ALTER TABLE "Belt" ADD COLUMN     "fromYear" INTEGER NOT NULL DEFAULT 2020,
ADD COLUMN     "untilYear" INTEGER;

-- AlterTable
ALTER TABLE "Indicator" ADD COLUMN     "evidenceRequired" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "figureInput" TEXT,
ADD COLUMN     "retiredAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Town" ADD COLUMN     "mergedIntoId" INTEGER,
ADD COLUMN     "mergedOn" DATE;

-- AlterTable
ALTER TABLE "TownCircle" ADD COLUMN     "fromYear" INTEGER NOT NULL DEFAULT 2020,
ADD COLUMN     "untilYear" INTEGER;

-- AlterTable
ALTER TABLE "TownCircleTown" ADD COLUMN     "fromYear" INTEGER NOT NULL DEFAULT 2020,
ADD COLUMN     "untilYear" INTEGER;

-- AlterTable
ALTER TABLE "TownEvent" ADD COLUMN     "newValue" TEXT,
ADD COLUMN     "previousValue" TEXT,
ADD COLUMN     "relatedTownId" INTEGER;

-- AlterTable
ALTER TABLE "Year" ADD COLUMN     "closedAt" TIMESTAMPTZ(3),
ADD COLUMN     "copiedFromYear" INTEGER,
ADD COLUMN     "openedAt" TIMESTAMPTZ(3),
ADD COLUMN     "taskDeadlineOn" DATE;

-- CreateIndex
CREATE UNIQUE INDEX "Indicator_year_figureInput_key" ON "Indicator"("year", "figureInput");

-- CreateIndex
CREATE INDEX "Town_mergedIntoId_idx" ON "Town"("mergedIntoId");

-- CreateIndex
CREATE INDEX "TownEvent_relatedTownId_idx" ON "TownEvent"("relatedTownId");

-- AddForeignKey
ALTER TABLE "Town" ADD CONSTRAINT "Town_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Town"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TownEvent" ADD CONSTRAINT "TownEvent_relatedTownId_fkey" FOREIGN KEY ("relatedTownId") REFERENCES "Town"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "Belt" ALTER COLUMN "fromYear" DROP DEFAULT;
ALTER TABLE "TownCircle" ALTER COLUMN "fromYear" DROP DEFAULT;
ALTER TABLE "TownCircleTown" ALTER COLUMN "fromYear" DROP DEFAULT;

-- The indicators the dashboard's figures read were found by code until now: mark them.
UPDATE "Indicator" SET "figureInput" = code
WHERE code IN ('nankongReadingRooms', 'communityGyms', 'elderlyCareCentres', 'neighbourhoodCentres',
               'fifteenMinuteCircle', 'nightLandscape', 'commonProsperityWorkshops', 'localJobsCreated');

-- Hand-written checks (not expressible in schema.prisma).
ALTER TABLE "Belt" ADD CONSTRAINT "Belt_years_check" CHECK ("untilYear" IS NULL OR "untilYear" >= "fromYear");
ALTER TABLE "TownCircle" ADD CONSTRAINT "TownCircle_years_check" CHECK ("untilYear" IS NULL OR "untilYear" >= "fromYear");
ALTER TABLE "TownCircleTown" ADD CONSTRAINT "TownCircleTown_years_check" CHECK ("untilYear" IS NULL OR "untilYear" >= "fromYear");
ALTER TABLE "Town" ADD CONSTRAINT "Town_merge_check" CHECK ("mergedIntoId" IS NULL OR ("mergedIntoId" <> id AND "mergedOn" IS NOT NULL));
