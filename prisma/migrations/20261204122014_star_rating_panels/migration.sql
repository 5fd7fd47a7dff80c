-- Star ratings scored by a panel (issue: star ratings of provincial samples): rubric categories
-- and criteria, one score sheet per panel reviewer, the town's self-assessment, the city's
-- decisions. Existing single-scorer ratings become a panel of one.

-- CreateEnum
CREATE TYPE "RatingCombination" AS ENUM ('MEAN', 'TRIMMED_MEAN');

-- CreateEnum
CREATE TYPE "CriterionKind" AS ENUM ('FIXED', 'TIERED', 'DISCRETIONARY', 'DEDUCTION', 'VETO');

-- CreateEnum
CREATE TYPE "VetoEffect" AS ENUM ('VOID', 'CAP');

-- CreateEnum
CREATE TYPE "SheetStatus" AS ENUM ('DRAFT', 'SUBMITTED');

-- CreateEnum
CREATE TYPE "RatingDecisionKind" AS ENUM ('RETURN', 'APPROVE', 'REOPEN');

-- AlterEnum: a rating in progress is SCORING (its panel scores), no longer a single DRAFT.
ALTER TYPE "RatingStatus" RENAME VALUE 'DRAFT' TO 'SCORING';

-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "ratingItemId" INTEGER,
ADD COLUMN     "selfAssessmentId" INTEGER,
ALTER COLUMN "reportId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "RatingItem" ADD COLUMN     "categoryId" INTEGER,
ADD COLUMN     "floorPoints" DECIMAL(7,2) NOT NULL DEFAULT 0,
ADD COLUMN     "guidanceEn" TEXT,
ADD COLUMN     "indicator" TEXT,
ADD COLUMN     "indicatorEn" TEXT;

-- AlterTable
ALTER TABLE "RatingScheme" ADD COLUMN     "combination" "RatingCombination" NOT NULL DEFAULT 'MEAN',
ADD COLUMN     "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "isDemo" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "itemSpreadLimit" DECIMAL(7,2),
ADD COLUMN     "reviewerDeviationLimit" DECIMAL(7,2),
ADD COLUMN     "selfAssessmentDueOn" DATE,
ADD COLUMN     "sheetsDueOn" DATE,
ADD COLUMN     "sourceNote" TEXT,
ADD COLUMN     "trimMinSheets" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;
-- Prisma's @updatedAt has no database default: the default above only fills existing rows.
ALTER TABLE "RatingScheme" ALTER COLUMN "updatedAt" DROP DEFAULT;

-- CreateTable
CREATE TABLE "RatingCategory" (
    "id" SERIAL NOT NULL,
    "schemeId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "maxPoints" DECIMAL(7,2) NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RatingCategory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RatingCriterion" (
    "id" SERIAL NOT NULL,
    "itemId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "kind" "CriterionKind" NOT NULL,
    "label" TEXT NOT NULL,
    "labelEn" TEXT NOT NULL,
    "points" DECIMAL(7,2),
    "step" DECIMAL(7,2),
    "tiers" JSONB,
    "vetoEffect" "VetoEffect",
    "vetoCapStars" INTEGER,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RatingCriterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RatingPanelist" (
    "ratingId" INTEGER NOT NULL,
    "reviewerId" INTEGER NOT NULL,
    "crossReview" BOOLEAN NOT NULL DEFAULT false,
    "addedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RatingPanelist_pkey" PRIMARY KEY ("ratingId","reviewerId")
);

-- CreateTable
CREATE TABLE "ScoreSheet" (
    "id" SERIAL NOT NULL,
    "ratingId" INTEGER NOT NULL,
    "reviewerId" INTEGER NOT NULL,
    "status" "SheetStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "totalPoints" DECIMAL(7,2),
    "submittedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ScoreSheet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SheetItemScore" (
    "sheetId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "choices" JSONB,
    "points" DECIMAL(7,2),
    "comment" TEXT,

    CONSTRAINT "SheetItemScore_pkey" PRIMARY KEY ("sheetId","itemId")
);

-- CreateTable
CREATE TABLE "SelfAssessment" (
    "id" SERIAL NOT NULL,
    "ratingId" INTEGER NOT NULL,
    "status" "SheetStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "totalPoints" DECIMAL(7,2),
    "submittedAt" TIMESTAMPTZ(3),
    "submittedById" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SelfAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SelfAssessmentItem" (
    "selfAssessmentId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "points" DECIMAL(7,2),
    "note" TEXT,

    CONSTRAINT "SelfAssessmentItem_pkey" PRIMARY KEY ("selfAssessmentId","itemId")
);

-- CreateTable
CREATE TABLE "SelfAssessmentEvidenceLink" (
    "selfAssessmentId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "evidenceId" INTEGER NOT NULL,

    CONSTRAINT "SelfAssessmentEvidenceLink_pkey" PRIMARY KEY ("selfAssessmentId","itemId","evidenceId")
);

-- CreateTable
CREATE TABLE "RatingDecision" (
    "id" SERIAL NOT NULL,
    "ratingId" INTEGER NOT NULL,
    "decision" "RatingDecisionKind" NOT NULL,
    "comment" TEXT,
    "totalPoints" DECIMAL(7,2),
    "stars" INTEGER,
    "byId" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RatingDecision_pkey" PRIMARY KEY ("id")
);

-- Move each existing rating's single score (StarRating.scoredById + ItemScore) into a panel of
-- one with that reviewer's sheet, so no points are lost.
INSERT INTO "RatingPanelist" ("ratingId", "reviewerId")
SELECT sr.id, sr."scoredById" FROM "StarRating" sr WHERE sr."scoredById" IS NOT NULL;

INSERT INTO "ScoreSheet" ("ratingId", "reviewerId", "status", "version", "totalPoints", "submittedAt", "createdAt", "updatedAt")
SELECT sr.id, sr."scoredById",
       (CASE WHEN sr.status = 'SCORING' THEN 'DRAFT' ELSE 'SUBMITTED' END)::"SheetStatus",
       1, sr."totalPoints", sr."submittedAt", sr."createdAt", sr."updatedAt"
FROM "StarRating" sr WHERE sr."scoredById" IS NOT NULL;

INSERT INTO "SheetItemScore" ("sheetId", "itemId", "points", "comment")
SELECT ss.id, its."itemId", its.points, its.comment
FROM "ItemScore" its JOIN "ScoreSheet" ss ON ss."ratingId" = its."ratingId";

-- DropForeignKey
ALTER TABLE "ItemScore" DROP CONSTRAINT "ItemScore_itemId_fkey";

-- DropForeignKey
ALTER TABLE "ItemScore" DROP CONSTRAINT "ItemScore_ratingId_fkey";

-- DropForeignKey
ALTER TABLE "StarRating" DROP CONSTRAINT "StarRating_scoredById_fkey";

-- DropIndex
DROP INDEX "RatingScheme_year_name_key";

-- DropIndex
DROP INDEX "StarRating_scoredById_idx";

-- AlterTable
ALTER TABLE "StarRating" DROP COLUMN "scoredById",
DROP COLUMN "submittedAt",
ALTER COLUMN "status" SET DEFAULT 'SCORING';

-- DropTable
DROP TABLE "ItemScore";

-- CreateIndex
CREATE UNIQUE INDEX "RatingCategory_schemeId_code_key" ON "RatingCategory"("schemeId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "RatingCriterion_itemId_code_key" ON "RatingCriterion"("itemId", "code");

-- CreateIndex
CREATE INDEX "RatingPanelist_reviewerId_idx" ON "RatingPanelist"("reviewerId");

-- CreateIndex
CREATE INDEX "ScoreSheet_reviewerId_idx" ON "ScoreSheet"("reviewerId");

-- CreateIndex
CREATE UNIQUE INDEX "ScoreSheet_ratingId_reviewerId_key" ON "ScoreSheet"("ratingId", "reviewerId");

-- CreateIndex
CREATE INDEX "SheetItemScore_itemId_idx" ON "SheetItemScore"("itemId");

-- CreateIndex
CREATE UNIQUE INDEX "SelfAssessment_ratingId_key" ON "SelfAssessment"("ratingId");

-- CreateIndex
CREATE INDEX "SelfAssessment_submittedById_idx" ON "SelfAssessment"("submittedById");

-- CreateIndex
CREATE INDEX "SelfAssessmentItem_itemId_idx" ON "SelfAssessmentItem"("itemId");

-- CreateIndex
CREATE INDEX "SelfAssessmentEvidenceLink_evidenceId_idx" ON "SelfAssessmentEvidenceLink"("evidenceId");

-- CreateIndex
CREATE INDEX "RatingDecision_ratingId_idx" ON "RatingDecision"("ratingId");

-- CreateIndex
CREATE INDEX "RatingDecision_byId_idx" ON "RatingDecision"("byId");

-- CreateIndex
CREATE INDEX "Evidence_selfAssessmentId_idx" ON "Evidence"("selfAssessmentId");

-- CreateIndex
CREATE INDEX "Evidence_ratingItemId_idx" ON "Evidence"("ratingItemId");

-- CreateIndex
CREATE INDEX "RatingItem_categoryId_idx" ON "RatingItem"("categoryId");

-- CreateIndex
CREATE UNIQUE INDEX "RatingScheme_year_version_key" ON "RatingScheme"("year", "version");

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_selfAssessmentId_fkey" FOREIGN KEY ("selfAssessmentId") REFERENCES "SelfAssessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_ratingItemId_fkey" FOREIGN KEY ("ratingItemId") REFERENCES "RatingItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RatingCategory" ADD CONSTRAINT "RatingCategory_schemeId_fkey" FOREIGN KEY ("schemeId") REFERENCES "RatingScheme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RatingItem" ADD CONSTRAINT "RatingItem_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "RatingCategory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RatingCriterion" ADD CONSTRAINT "RatingCriterion_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "RatingItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RatingPanelist" ADD CONSTRAINT "RatingPanelist_ratingId_fkey" FOREIGN KEY ("ratingId") REFERENCES "StarRating"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RatingPanelist" ADD CONSTRAINT "RatingPanelist_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreSheet" ADD CONSTRAINT "ScoreSheet_ratingId_fkey" FOREIGN KEY ("ratingId") REFERENCES "StarRating"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreSheet" ADD CONSTRAINT "ScoreSheet_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SheetItemScore" ADD CONSTRAINT "SheetItemScore_sheetId_fkey" FOREIGN KEY ("sheetId") REFERENCES "ScoreSheet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SheetItemScore" ADD CONSTRAINT "SheetItemScore_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "RatingItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SelfAssessment" ADD CONSTRAINT "SelfAssessment_ratingId_fkey" FOREIGN KEY ("ratingId") REFERENCES "StarRating"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SelfAssessment" ADD CONSTRAINT "SelfAssessment_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SelfAssessmentItem" ADD CONSTRAINT "SelfAssessmentItem_selfAssessmentId_fkey" FOREIGN KEY ("selfAssessmentId") REFERENCES "SelfAssessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SelfAssessmentItem" ADD CONSTRAINT "SelfAssessmentItem_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "RatingItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SelfAssessmentEvidenceLink" ADD CONSTRAINT "SelfAssessmentEvidenceLink_selfAssessmentId_fkey" FOREIGN KEY ("selfAssessmentId") REFERENCES "SelfAssessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SelfAssessmentEvidenceLink" ADD CONSTRAINT "SelfAssessmentEvidenceLink_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RatingDecision" ADD CONSTRAINT "RatingDecision_ratingId_fkey" FOREIGN KEY ("ratingId") REFERENCES "StarRating"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RatingDecision" ADD CONSTRAINT "RatingDecision_byId_fkey" FOREIGN KEY ("byId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Evidence belongs to exactly one owner: a progress report or a rating self-assessment.
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_one_owner" CHECK (("reportId" IS NULL) <> ("selfAssessmentId" IS NULL));
