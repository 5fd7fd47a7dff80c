-- County performance assessment (issue 11): schemes in versions with tie rules and rounding of
-- the excellent count; items COMPUTED by a named metric or ENTERED by the city (points, a
-- count of occurrences, or a value against the county's target) with direction and floor;
-- entered values with reason and evidence; runs of a year in versions (DRAFT → COMPUTED →
-- PUBLISHED, SUPERSEDED by a later published version) with a snapshot of the scheme and the
-- inputs. The existing results are kept: each year's CountyAssessment rows become version 1 of
-- that year (PUBLISHED when all of its rows were), with the scheme as it stands in the snapshot
-- ("migrated": the inputs behind them were never recorded).
-- ProgressReport.firstSubmittedAt: the first submission, which decides "on time"
-- (lib/domain/reporting.ts); backfilled from the audit log's first report.submit, else the
-- only submission, else the first review (the latest the first submission can have been).

-- CreateEnum
CREATE TYPE "AssessmentItemKind" AS ENUM ('COMPUTED', 'ENTERED');

-- CreateEnum
CREATE TYPE "AssessmentScoring" AS ENUM ('TARGET', 'OCCURRENCES', 'POINTS');

-- CreateEnum
CREATE TYPE "AssessmentDirection" AS ENUM ('HIGHER', 'LOWER');

-- CreateEnum
CREATE TYPE "ExcellentRounding" AS ENUM ('HALF_UP', 'DOWN', 'UP');

-- CreateEnum
CREATE TYPE "AssessmentTieBreaker" AS ENUM ('OUTCOME_POINTS', 'PROCESS_POINTS', 'FEWER_DEDUCTIONS');

-- CreateEnum
CREATE TYPE "AssessmentRunStatus" AS ENUM ('DRAFT', 'COMPUTED', 'PUBLISHED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "AssessmentResultBasis" AS ENUM ('COMPUTED', 'ENTERED', 'NOT_ENTERED', 'NO_DATA');

-- ── reports: the first submission ──
ALTER TABLE "ProgressReport" ADD COLUMN     "firstSubmittedAt" TIMESTAMPTZ(3);

UPDATE "ProgressReport" pr
SET "firstSubmittedAt" = COALESCE(
  (SELECT MIN(a.at) FROM "AuditLog" a
   WHERE a.action = 'report.submit' AND a."entityType" = 'ProgressReport'
     AND a."entityId" = pr.id::text),
  CASE WHEN pr."submissionCount" = 1 THEN pr."submittedAt" END,
  (SELECT MIN(r."createdAt") FROM "Review" r WHERE r."reportId" = pr.id),
  pr."submittedAt")
WHERE pr."submissionCount" > 0;

-- ── schemes ──
DROP INDEX "AssessmentScheme_year_name_key";

ALTER TABLE "AssessmentScheme" ADD COLUMN     "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "excellentRounding" "ExcellentRounding" NOT NULL DEFAULT 'HALF_UP',
ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "tieBreakers" "AssessmentTieBreaker"[] DEFAULT ARRAY[]::"AssessmentTieBreaker"[],
ADD COLUMN     "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "AssessmentScheme" ALTER COLUMN "updatedAt" DROP DEFAULT;

CREATE UNIQUE INDEX "AssessmentScheme_year_version_key" ON "AssessmentScheme"("year", "version");

-- ── items: MANUAL items become ENTERED (points, or occurrences for bonus and deduction items),
-- the others COMPUTED against targets; deduction items kept the floor they were scored with (−5).
ALTER TABLE "AssessmentItem" ADD COLUMN     "direction" "AssessmentDirection" NOT NULL DEFAULT 'HIGHER',
ADD COLUMN     "floorPoints" DECIMAL(7,2) NOT NULL DEFAULT 0,
ADD COLUMN     "kind" "AssessmentItemKind" NOT NULL DEFAULT 'ENTERED',
ADD COLUMN     "scoring" "AssessmentScoring" NOT NULL DEFAULT 'POINTS',
ADD COLUMN     "unitEn" TEXT,
ALTER COLUMN "metric" DROP NOT NULL,
ALTER COLUMN "metric" DROP DEFAULT;

UPDATE "AssessmentItem" SET
  "kind" = (CASE WHEN "metric" = 'MANUAL' THEN 'ENTERED' ELSE 'COMPUTED' END)::"AssessmentItemKind",
  "scoring" = (CASE
    WHEN "metric" <> 'MANUAL' THEN 'TARGET'
    WHEN "category" IN ('BONUS', 'DEDUCTION') THEN 'OCCURRENCES'
    ELSE 'POINTS' END)::"AssessmentScoring",
  "floorPoints" = CASE WHEN "category" = 'DEDUCTION' THEN -5 ELSE 0 END,
  "unitEn" = CASE "unit" WHEN '个' THEN 'towns' WHEN '项' THEN 'items' ELSE "unit" END;
UPDATE "AssessmentItem" SET "metric" = NULL WHERE "metric" = 'MANUAL';

-- ── entered values ──
CREATE TABLE "AssessmentEntry" (
    "id" SERIAL NOT NULL,
    "itemId" INTEGER NOT NULL,
    "countyId" INTEGER NOT NULL,
    "value" DECIMAL(18,4) NOT NULL,
    "reason" TEXT NOT NULL,
    "evidence" TEXT,
    "enteredById" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AssessmentEntry_pkey" PRIMARY KEY ("id")
);

-- ── runs: each year's existing results become its version 1 ──
CREATE TABLE "AssessmentRun" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "schemeId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "AssessmentRunStatus" NOT NULL DEFAULT 'DRAFT',
    "reason" TEXT,
    "judgedOn" DATE,
    "snapshot" JSONB,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "computedAt" TIMESTAMPTZ(3),
    "computedById" INTEGER,
    "publishedAt" TIMESTAMPTZ(3),
    "publishedById" INTEGER,

    CONSTRAINT "AssessmentRun_pkey" PRIMARY KEY ("id"),
    -- A recomputation says why (lib/assessments/runs.ts).
    CONSTRAINT "AssessmentRun_reason_check" CHECK ("version" = 1 OR "reason" IS NOT NULL)
);

DELETE FROM "CountyAssessment"
WHERE "totalPoints" IS NULL OR "rank" IS NULL OR "grade" IS NULL;

INSERT INTO "AssessmentRun" ("year", "schemeId", "version", "status", "judgedOn", "reason",
                             "createdAt", "computedAt", "publishedAt")
SELECT g.year, g."schemeId",
       ROW_NUMBER() OVER (PARTITION BY g.year ORDER BY g."schemeId"),
       g.status::"AssessmentRunStatus", g."judgedOn",
       CASE WHEN ROW_NUMBER() OVER (PARTITION BY g.year ORDER BY g."schemeId") > 1
            THEN 'migrated' END,
       COALESCE(g."computedAt", CURRENT_TIMESTAMP), g."computedAt", g."publishedAt"
FROM (
  SELECT ca.year, ca."schemeId",
         CASE WHEN bool_and(ca.status = 'PUBLISHED') THEN 'PUBLISHED' ELSE 'COMPUTED' END AS status,
         (MAX(ca."computedAt") AT TIME ZONE 'Asia/Shanghai')::date AS "judgedOn",
         MAX(ca."computedAt") AS "computedAt",
         CASE WHEN bool_and(ca.status = 'PUBLISHED') THEN MAX(ca."publishedAt") END AS "publishedAt"
  FROM "CountyAssessment" ca
  GROUP BY ca.year, ca."schemeId"
) g;

-- The snapshot of a migrated run: the scheme (lib/assessments/snapshot.ts, format 1) and no
-- inputs (counties: null).
UPDATE "AssessmentRun" r SET "snapshot" = jsonb_build_object(
  'format', 1,
  'migrated', true,
  'judgedOn', to_char(r."judgedOn", 'YYYY-MM-DD'),
  'figureDate', make_date(r.year, 12, 31)::text,
  'counties', NULL,
  'scheme', (
    SELECT jsonb_build_object(
      'id', s.id, 'year', s.year, 'version', s.version, 'name', s.name, 'nameEn', s."nameEn",
      'sourceNote', s."sourceNote", 'tieBreakers', to_jsonb(s."tieBreakers"),
      'excellentShare', s."excellentShare"::text, 'excellentRounding', s."excellentRounding",
      'goodMinPoints', s."goodMinPoints"::text, 'passMinPoints', s."passMinPoints"::text,
      'items', COALESCE((
        SELECT jsonb_agg(jsonb_build_object(
          'id', i.id, 'code', i.code, 'name', i.name, 'nameEn', i."nameEn",
          'category', i.category, 'kind', i.kind, 'scoring', i.scoring, 'metric', i.metric,
          'unit', i.unit, 'unitEn', i."unitEn", 'direction', i.direction,
          'basePoints', i."basePoints"::text, 'maxBonusPoints', i."maxBonusPoints"::text,
          'bonusStep', i."bonusStep"::text, 'bonusPerStep', i."bonusPerStep"::text,
          'deductionStep', i."deductionStep"::text, 'deductionPerStep', i."deductionPerStep"::text,
          'floorPoints', i."floorPoints"::text, 'sourceNote', i."sourceNote",
          'sortOrder', i."sortOrder",
          'targets', COALESCE((
            SELECT jsonb_object_agg(c."divisionCode", t."targetValue"::text)
            FROM "AssessmentTarget" t JOIN "County" c ON c.id = t."countyId"
            WHERE t."itemId" = i.id), '{}'::jsonb)
        ) ORDER BY i."sortOrder", i.id)
        FROM "AssessmentItem" i WHERE i."schemeId" = s.id), '[]'::jsonb)
    )
    FROM "AssessmentScheme" s WHERE s.id = r."schemeId"
  )
);

-- A scheme with results is in use: ACTIVE if it was the year's draft, else as it was.
UPDATE "AssessmentScheme" s SET "status" = 'ACTIVE'
WHERE s."status" = 'DRAFT' AND EXISTS (SELECT 1 FROM "AssessmentRun" r WHERE r."schemeId" = s.id);

-- ── county results: attach to their run, with subtotals by category ──
ALTER TABLE "CountyAssessment" DROP CONSTRAINT "CountyAssessment_schemeId_fkey";
DROP INDEX "CountyAssessment_countyId_year_key";
DROP INDEX "CountyAssessment_schemeId_idx";

ALTER TABLE "CountyAssessment" ADD COLUMN     "bonusPoints" DECIMAL(7,2),
ADD COLUMN     "deductionPoints" DECIMAL(7,2),
ADD COLUMN     "outcomePoints" DECIMAL(7,2),
ADD COLUMN     "processPoints" DECIMAL(7,2),
ADD COLUMN     "runId" INTEGER;

UPDATE "CountyAssessment" ca SET "runId" = r.id
FROM "AssessmentRun" r WHERE r.year = ca.year AND r."schemeId" = ca."schemeId";

UPDATE "CountyAssessment" ca SET
  "outcomePoints" = COALESCE(s.outcome, 0),
  "processPoints" = COALESCE(s.process, 0),
  "bonusPoints" = COALESCE(s.bonus, 0),
  "deductionPoints" = COALESCE(s.deduction, 0)
FROM (
  SELECT res."assessmentId",
         SUM(res.points) FILTER (WHERE i.category = 'OUTCOME') AS outcome,
         SUM(res.points) FILTER (WHERE i.category = 'PROCESS') AS process,
         SUM(res.points) FILTER (WHERE i.category = 'BONUS') AS bonus,
         SUM(res.points) FILTER (WHERE i.category = 'DEDUCTION') AS deduction
  FROM "AssessmentItemResult" res JOIN "AssessmentItem" i ON i.id = res."itemId"
  GROUP BY res."assessmentId"
) s
WHERE s."assessmentId" = ca.id;
UPDATE "CountyAssessment" SET "outcomePoints" = 0, "processPoints" = 0, "bonusPoints" = 0,
  "deductionPoints" = 0
WHERE "outcomePoints" IS NULL;

ALTER TABLE "CountyAssessment" DROP COLUMN "computedAt",
DROP COLUMN "publishedAt",
DROP COLUMN "schemeId",
DROP COLUMN "status",
ALTER COLUMN "bonusPoints" SET NOT NULL,
ALTER COLUMN "deductionPoints" SET NOT NULL,
ALTER COLUMN "outcomePoints" SET NOT NULL,
ALTER COLUMN "processPoints" SET NOT NULL,
ALTER COLUMN "runId" SET NOT NULL,
ALTER COLUMN "totalPoints" SET NOT NULL,
ALTER COLUMN "rank" SET NOT NULL,
ALTER COLUMN "grade" SET NOT NULL;

-- ── item results: the target they were scored against, and what they rest on ──
ALTER TABLE "AssessmentItemResult" ADD COLUMN     "basis" "AssessmentResultBasis" NOT NULL DEFAULT 'COMPUTED',
ADD COLUMN     "targetValue" DECIMAL(18,4);

UPDATE "AssessmentItemResult" res SET
  "targetValue" = t."targetValue"
FROM "CountyAssessment" ca, "AssessmentTarget" t
WHERE ca.id = res."assessmentId" AND t."itemId" = res."itemId" AND t."countyId" = ca."countyId";
UPDATE "AssessmentItemResult" res SET "basis" = 'ENTERED'
FROM "AssessmentItem" i WHERE i.id = res."itemId" AND i.kind = 'ENTERED';

-- DropEnum
DROP TYPE "AssessmentStatus";

-- CreateIndex
CREATE INDEX "AssessmentEntry_countyId_idx" ON "AssessmentEntry"("countyId");

-- CreateIndex
CREATE INDEX "AssessmentEntry_enteredById_idx" ON "AssessmentEntry"("enteredById");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentEntry_itemId_countyId_key" ON "AssessmentEntry"("itemId", "countyId");

-- CreateIndex
CREATE INDEX "AssessmentRun_schemeId_idx" ON "AssessmentRun"("schemeId");

-- CreateIndex
CREATE INDEX "AssessmentRun_computedById_idx" ON "AssessmentRun"("computedById");

-- CreateIndex
CREATE INDEX "AssessmentRun_publishedById_idx" ON "AssessmentRun"("publishedById");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentRun_year_version_key" ON "AssessmentRun"("year", "version");

-- CreateIndex
CREATE INDEX "CountyAssessment_countyId_idx" ON "CountyAssessment"("countyId");

-- CreateIndex
CREATE UNIQUE INDEX "CountyAssessment_runId_countyId_key" ON "CountyAssessment"("runId", "countyId");

-- AddForeignKey
ALTER TABLE "AssessmentEntry" ADD CONSTRAINT "AssessmentEntry_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "AssessmentItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentEntry" ADD CONSTRAINT "AssessmentEntry_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentEntry" ADD CONSTRAINT "AssessmentEntry_enteredById_fkey" FOREIGN KEY ("enteredById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentRun" ADD CONSTRAINT "AssessmentRun_year_fkey" FOREIGN KEY ("year") REFERENCES "Year"("year") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentRun" ADD CONSTRAINT "AssessmentRun_schemeId_fkey" FOREIGN KEY ("schemeId") REFERENCES "AssessmentScheme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentRun" ADD CONSTRAINT "AssessmentRun_computedById_fkey" FOREIGN KEY ("computedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentRun" ADD CONSTRAINT "AssessmentRun_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountyAssessment" ADD CONSTRAINT "CountyAssessment_runId_fkey" FOREIGN KEY ("runId") REFERENCES "AssessmentRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
