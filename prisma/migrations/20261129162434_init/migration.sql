-- CreateEnum
CREATE TYPE "CountyKind" AS ENUM ('COUNTY', 'COUNTY_CITY', 'DISTRICT');

-- CreateEnum
CREATE TYPE "TownKind" AS ENUM ('TOWN', 'TOWNSHIP', 'ETHNIC_TOWNSHIP', 'SUBDISTRICT', 'OFFICE');

-- CreateEnum
CREATE TYPE "TownType" AS ENUM ('METRO_NODE', 'COUNTY_SUBCENTRE', 'TOURISM', 'TRADE', 'INDUSTRY', 'AGRICULTURE', 'GENERAL');

-- CreateEnum
CREATE TYPE "Attainment" AS ENUM ('NONE', 'BASIC_COMPLIANCE', 'PROVINCIAL_SAMPLE');

-- CreateEnum
CREATE TYPE "YearStatus" AS ENUM ('PLANNING', 'OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "Dimension" AS ENUM ('ENVIRONMENT', 'LIVING', 'INDUSTRY', 'CULTURE', 'GOVERNANCE', 'INTEGRATION');

-- CreateEnum
CREATE TYPE "IndicatorKind" AS ENUM ('COMMON', 'DISTINCTIVE', 'SATISFACTION');

-- CreateEnum
CREATE TYPE "ValueType" AS ENUM ('INTEGER', 'DECIMAL', 'PERCENT', 'BOOLEAN');

-- CreateEnum
CREATE TYPE "CreationTarget" AS ENUM ('BASIC_COMPLIANCE', 'PROVINCIAL_SAMPLE', 'SAMPLE_RENEWAL', 'DEEPENING');

-- CreateEnum
CREATE TYPE "Track" AS ENUM ('STANDARD', 'COUNTY_SEAT');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'CLOSED');

-- CreateEnum
CREATE TYPE "ProjectStatus" AS ENUM ('PLANNED', 'IN_PROGRESS', 'COMPLETED', 'SUSPENDED');

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'RETURNED', 'COUNTY_APPROVED', 'CITY_CONFIRMED');

-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('APPROVE', 'RETURN', 'CONFIRM');

-- CreateEnum
CREATE TYPE "SchemeStatus" AS ENUM ('DRAFT', 'ACTIVE', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "RatingStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED');

-- CreateEnum
CREATE TYPE "AssessmentCategory" AS ENUM ('OUTCOME', 'PROCESS', 'BONUS', 'DEDUCTION');

-- CreateEnum
CREATE TYPE "Grade" AS ENUM ('EXCELLENT', 'GOOD', 'PASS', 'FAIL');

-- CreateEnum
CREATE TYPE "AssessmentStatus" AS ENUM ('DRAFT', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('CITY_ADMIN', 'CITY_LEADER', 'COUNTY_REVIEWER', 'TOWNSHIP_STAFF');

-- CreateTable
CREATE TABLE "City" (
    "id" SERIAL NOT NULL,
    "divisionCode" VARCHAR(6) NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,

    CONSTRAINT "City_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "County" (
    "id" SERIAL NOT NULL,
    "cityId" INTEGER NOT NULL,
    "divisionCode" VARCHAR(6) NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "kind" "CountyKind" NOT NULL,
    "isMountainCounty" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "County_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Town" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "divisionCode" VARCHAR(9) NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "kind" "TownKind" NOT NULL,
    "townType" "TownType" NOT NULL DEFAULT 'GENERAL',
    "inProgramme" BOOLEAN NOT NULL DEFAULT false,
    "isCountySeat" BOOLEAN NOT NULL DEFAULT false,
    "isLocalUnit" BOOLEAN NOT NULL DEFAULT false,
    "attainment" "Attainment" NOT NULL DEFAULT 'NONE',
    "attainmentYear" INTEGER,
    "sourceNote" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Town_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Belt" (
    "id" SERIAL NOT NULL,
    "cityId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "description" TEXT,

    CONSTRAINT "Belt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TownCircle" (
    "id" SERIAL NOT NULL,
    "beltId" INTEGER,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "isModel" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT,

    CONSTRAINT "TownCircle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TownCircleTown" (
    "circleId" INTEGER NOT NULL,
    "townId" INTEGER NOT NULL,
    "isLead" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "TownCircleTown_pkey" PRIMARY KEY ("circleId","townId")
);

-- CreateTable
CREATE TABLE "Year" (
    "year" INTEGER NOT NULL,
    "status" "YearStatus" NOT NULL DEFAULT 'PLANNING',

    CONSTRAINT "Year_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "ReportingPeriod" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "index" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "dueOn" DATE NOT NULL,

    CONSTRAINT "ReportingPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Indicator" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "dimension" "Dimension" NOT NULL,
    "kind" "IndicatorKind" NOT NULL,
    "unit" TEXT NOT NULL,
    "unitEn" TEXT NOT NULL,
    "valueType" "ValueType" NOT NULL,
    "minValue" DECIMAL(18,4),
    "maxValue" DECIMAL(18,4),
    "isRequired" BOOLEAN NOT NULL DEFAULT true,
    "townTypes" "TownType"[],
    "sourceNote" TEXT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BasicRequirement" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "BasicRequirement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionPlan" (
    "id" SERIAL NOT NULL,
    "townId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "startYear" INTEGER NOT NULL,
    "endYear" INTEGER NOT NULL,
    "approvedOn" DATE,
    "summary" TEXT,

    CONSTRAINT "ActionPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreationTask" (
    "id" SERIAL NOT NULL,
    "townId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "target" "CreationTarget" NOT NULL,
    "track" "Track" NOT NULL DEFAULT 'STANDARD',
    "status" "TaskStatus" NOT NULL DEFAULT 'DRAFT',
    "deadline" DATE NOT NULL,
    "attainmentAwarded" "Attainment",
    "developmentIndex" DECIMAL(7,2),
    "beautyIndex" DECIMAL(7,2),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CreationTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndicatorTarget" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "indicatorId" INTEGER NOT NULL,
    "targetValue" DECIMAL(18,4) NOT NULL,

    CONSTRAINT "IndicatorTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Project" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "dimension" "Dimension",
    "status" "ProjectStatus" NOT NULL DEFAULT 'PLANNED',
    "plannedInvestmentWan" DECIMAL(14,2) NOT NULL,
    "completedInvestmentWan" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "specialBondsWan" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "landSuppliedMu" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "startsOn" DATE,
    "endsOn" DATE,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgressReport" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "periodId" INTEGER NOT NULL,
    "status" "ReportStatus" NOT NULL DEFAULT 'DRAFT',
    "narrative" TEXT,
    "selfScore" DECIMAL(7,2),
    "version" INTEGER NOT NULL DEFAULT 1,
    "submissionCount" INTEGER NOT NULL DEFAULT 0,
    "submittedAt" TIMESTAMPTZ(3),
    "approvedAt" TIMESTAMPTZ(3),
    "confirmedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ProgressReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndicatorValue" (
    "id" SERIAL NOT NULL,
    "reportId" INTEGER NOT NULL,
    "indicatorId" INTEGER NOT NULL,
    "value" DECIMAL(18,4),
    "note" TEXT,

    CONSTRAINT "IndicatorValue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectProgress" (
    "id" SERIAL NOT NULL,
    "reportId" INTEGER NOT NULL,
    "projectId" INTEGER NOT NULL,
    "completedInvestmentWan" DECIMAL(14,2) NOT NULL,
    "percentComplete" DECIMAL(5,2) NOT NULL,
    "status" "ProjectStatus" NOT NULL,
    "note" TEXT,

    CONSTRAINT "ProjectProgress_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" SERIAL NOT NULL,
    "reportId" INTEGER NOT NULL,
    "indicatorId" INTEGER,
    "projectId" INTEGER,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "uploadedById" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidenceBlob" (
    "evidenceId" INTEGER NOT NULL,
    "content" BYTEA NOT NULL,

    CONSTRAINT "EvidenceBlob_pkey" PRIMARY KEY ("evidenceId")
);

-- CreateTable
CREATE TABLE "Review" (
    "id" SERIAL NOT NULL,
    "reportId" INTEGER NOT NULL,
    "reviewerId" INTEGER NOT NULL,
    "decision" "ReviewDecision" NOT NULL,
    "comment" TEXT,
    "reportVersion" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewComment" (
    "id" SERIAL NOT NULL,
    "reviewId" INTEGER NOT NULL,
    "indicatorId" INTEGER,
    "projectId" INTEGER,
    "comment" TEXT NOT NULL,

    CONSTRAINT "ReviewComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RatingScheme" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "status" "SchemeStatus" NOT NULL DEFAULT 'DRAFT',
    "maxPoints" DECIMAL(7,2) NOT NULL,

    CONSTRAINT "RatingScheme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StarBand" (
    "id" SERIAL NOT NULL,
    "schemeId" INTEGER NOT NULL,
    "stars" INTEGER NOT NULL,
    "minPoints" DECIMAL(7,2) NOT NULL,

    CONSTRAINT "StarBand_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RatingItem" (
    "id" SERIAL NOT NULL,
    "schemeId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "dimension" "Dimension",
    "maxPoints" DECIMAL(7,2) NOT NULL,
    "guidance" TEXT,
    "evidenceHint" TEXT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RatingItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StarRating" (
    "id" SERIAL NOT NULL,
    "townId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "schemeId" INTEGER NOT NULL,
    "status" "RatingStatus" NOT NULL DEFAULT 'DRAFT',
    "totalPoints" DECIMAL(7,2),
    "stars" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "scoredById" INTEGER,
    "approvedById" INTEGER,
    "submittedAt" TIMESTAMPTZ(3),
    "approvedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "StarRating_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ItemScore" (
    "id" SERIAL NOT NULL,
    "ratingId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "points" DECIMAL(7,2) NOT NULL,
    "comment" TEXT,

    CONSTRAINT "ItemScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentScheme" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "status" "SchemeStatus" NOT NULL DEFAULT 'DRAFT',
    "excellentShare" DECIMAL(5,4) NOT NULL,
    "goodMinPoints" DECIMAL(7,2) NOT NULL,
    "passMinPoints" DECIMAL(7,2) NOT NULL,
    "sourceNote" TEXT,

    CONSTRAINT "AssessmentScheme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentItem" (
    "id" SERIAL NOT NULL,
    "schemeId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "category" "AssessmentCategory" NOT NULL,
    "metric" TEXT NOT NULL DEFAULT 'MANUAL',
    "unit" TEXT,
    "basePoints" DECIMAL(7,2) NOT NULL,
    "maxBonusPoints" DECIMAL(7,2) NOT NULL DEFAULT 0,
    "bonusStep" DECIMAL(18,4),
    "bonusPerStep" DECIMAL(7,2),
    "deductionStep" DECIMAL(18,4),
    "deductionPerStep" DECIMAL(7,2),
    "sourceNote" TEXT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AssessmentItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentTarget" (
    "id" SERIAL NOT NULL,
    "itemId" INTEGER NOT NULL,
    "countyId" INTEGER NOT NULL,
    "targetValue" DECIMAL(18,4) NOT NULL,

    CONSTRAINT "AssessmentTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CountyAssessment" (
    "id" SERIAL NOT NULL,
    "schemeId" INTEGER NOT NULL,
    "countyId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "status" "AssessmentStatus" NOT NULL DEFAULT 'DRAFT',
    "totalPoints" DECIMAL(7,2),
    "rank" INTEGER,
    "grade" "Grade",
    "computedAt" TIMESTAMPTZ(3),
    "publishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CountyAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentItemResult" (
    "id" SERIAL NOT NULL,
    "assessmentId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "actualValue" DECIMAL(18,4),
    "basePoints" DECIMAL(7,2) NOT NULL,
    "bonusPoints" DECIMAL(7,2) NOT NULL DEFAULT 0,
    "deductionPoints" DECIMAL(7,2) NOT NULL DEFAULT 0,
    "points" DECIMAL(7,2) NOT NULL,
    "note" TEXT,

    CONSTRAINT "AssessmentItemResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "countyId" INTEGER,
    "townId" INTEGER,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "lastSignInAt" TIMESTAMPTZ(3),
    "passwordChangedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" VARCHAR(12) NOT NULL,
    "tokenHash" CHAR(64) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "actorName" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "ip" TEXT,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SystemSetting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SystemSetting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" TIMESTAMPTZ(3),

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "City_divisionCode_key" ON "City"("divisionCode");

-- CreateIndex
CREATE UNIQUE INDEX "County_divisionCode_key" ON "County"("divisionCode");

-- CreateIndex
CREATE INDEX "County_cityId_idx" ON "County"("cityId");

-- CreateIndex
CREATE UNIQUE INDEX "Town_divisionCode_key" ON "Town"("divisionCode");

-- CreateIndex
CREATE INDEX "Town_countyId_idx" ON "Town"("countyId");

-- CreateIndex
CREATE INDEX "Town_attainment_idx" ON "Town"("attainment");

-- CreateIndex
CREATE UNIQUE INDEX "Belt_code_key" ON "Belt"("code");

-- CreateIndex
CREATE INDEX "Belt_cityId_idx" ON "Belt"("cityId");

-- CreateIndex
CREATE UNIQUE INDEX "TownCircle_code_key" ON "TownCircle"("code");

-- CreateIndex
CREATE INDEX "TownCircle_beltId_idx" ON "TownCircle"("beltId");

-- CreateIndex
CREATE INDEX "TownCircleTown_townId_idx" ON "TownCircleTown"("townId");

-- CreateIndex
CREATE UNIQUE INDEX "ReportingPeriod_year_index_key" ON "ReportingPeriod"("year", "index");

-- CreateIndex
CREATE UNIQUE INDEX "Indicator_year_code_key" ON "Indicator"("year", "code");

-- CreateIndex
CREATE UNIQUE INDEX "BasicRequirement_year_code_key" ON "BasicRequirement"("year", "code");

-- CreateIndex
CREATE UNIQUE INDEX "ActionPlan_townId_startYear_key" ON "ActionPlan"("townId", "startYear");

-- CreateIndex
CREATE INDEX "CreationTask_year_target_idx" ON "CreationTask"("year", "target");

-- CreateIndex
CREATE UNIQUE INDEX "CreationTask_townId_year_key" ON "CreationTask"("townId", "year");

-- CreateIndex
CREATE INDEX "IndicatorTarget_indicatorId_idx" ON "IndicatorTarget"("indicatorId");

-- CreateIndex
CREATE UNIQUE INDEX "IndicatorTarget_taskId_indicatorId_key" ON "IndicatorTarget"("taskId", "indicatorId");

-- CreateIndex
CREATE UNIQUE INDEX "Project_taskId_code_key" ON "Project"("taskId", "code");

-- CreateIndex
CREATE INDEX "ProgressReport_periodId_idx" ON "ProgressReport"("periodId");

-- CreateIndex
CREATE INDEX "ProgressReport_status_idx" ON "ProgressReport"("status");

-- CreateIndex
CREATE UNIQUE INDEX "ProgressReport_taskId_periodId_key" ON "ProgressReport"("taskId", "periodId");

-- CreateIndex
CREATE INDEX "IndicatorValue_indicatorId_idx" ON "IndicatorValue"("indicatorId");

-- CreateIndex
CREATE UNIQUE INDEX "IndicatorValue_reportId_indicatorId_key" ON "IndicatorValue"("reportId", "indicatorId");

-- CreateIndex
CREATE INDEX "ProjectProgress_projectId_idx" ON "ProjectProgress"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "ProjectProgress_reportId_projectId_key" ON "ProjectProgress"("reportId", "projectId");

-- CreateIndex
CREATE INDEX "Evidence_reportId_idx" ON "Evidence"("reportId");

-- CreateIndex
CREATE INDEX "Evidence_indicatorId_idx" ON "Evidence"("indicatorId");

-- CreateIndex
CREATE INDEX "Evidence_projectId_idx" ON "Evidence"("projectId");

-- CreateIndex
CREATE INDEX "Evidence_uploadedById_idx" ON "Evidence"("uploadedById");

-- CreateIndex
CREATE INDEX "Review_reportId_idx" ON "Review"("reportId");

-- CreateIndex
CREATE INDEX "Review_reviewerId_idx" ON "Review"("reviewerId");

-- CreateIndex
CREATE INDEX "ReviewComment_reviewId_idx" ON "ReviewComment"("reviewId");

-- CreateIndex
CREATE INDEX "ReviewComment_indicatorId_idx" ON "ReviewComment"("indicatorId");

-- CreateIndex
CREATE INDEX "ReviewComment_projectId_idx" ON "ReviewComment"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "RatingScheme_year_name_key" ON "RatingScheme"("year", "name");

-- CreateIndex
CREATE UNIQUE INDEX "StarBand_schemeId_stars_key" ON "StarBand"("schemeId", "stars");

-- CreateIndex
CREATE UNIQUE INDEX "RatingItem_schemeId_code_key" ON "RatingItem"("schemeId", "code");

-- CreateIndex
CREATE INDEX "StarRating_year_idx" ON "StarRating"("year");

-- CreateIndex
CREATE INDEX "StarRating_schemeId_idx" ON "StarRating"("schemeId");

-- CreateIndex
CREATE INDEX "StarRating_scoredById_idx" ON "StarRating"("scoredById");

-- CreateIndex
CREATE INDEX "StarRating_approvedById_idx" ON "StarRating"("approvedById");

-- CreateIndex
CREATE UNIQUE INDEX "StarRating_townId_year_key" ON "StarRating"("townId", "year");

-- CreateIndex
CREATE INDEX "ItemScore_itemId_idx" ON "ItemScore"("itemId");

-- CreateIndex
CREATE UNIQUE INDEX "ItemScore_ratingId_itemId_key" ON "ItemScore"("ratingId", "itemId");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentScheme_year_name_key" ON "AssessmentScheme"("year", "name");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentItem_schemeId_code_key" ON "AssessmentItem"("schemeId", "code");

-- CreateIndex
CREATE INDEX "AssessmentTarget_countyId_idx" ON "AssessmentTarget"("countyId");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentTarget_itemId_countyId_key" ON "AssessmentTarget"("itemId", "countyId");

-- CreateIndex
CREATE INDEX "CountyAssessment_schemeId_idx" ON "CountyAssessment"("schemeId");

-- CreateIndex
CREATE INDEX "CountyAssessment_year_idx" ON "CountyAssessment"("year");

-- CreateIndex
CREATE UNIQUE INDEX "CountyAssessment_countyId_year_key" ON "CountyAssessment"("countyId", "year");

-- CreateIndex
CREATE INDEX "AssessmentItemResult_itemId_idx" ON "AssessmentItemResult"("itemId");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentItemResult_assessmentId_itemId_key" ON "AssessmentItemResult"("assessmentId", "itemId");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "User_countyId_idx" ON "User"("countyId");

-- CreateIndex
CREATE INDEX "User_townId_idx" ON "User"("townId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_idx" ON "AuditLog"("actorId");

-- CreateIndex
CREATE INDEX "AuditLog_entityType_entityId_idx" ON "AuditLog"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "RateLimit_expire_idx" ON "RateLimit"("expire");

-- AddForeignKey
ALTER TABLE "County" ADD CONSTRAINT "County_cityId_fkey" FOREIGN KEY ("cityId") REFERENCES "City"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Town" ADD CONSTRAINT "Town_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Belt" ADD CONSTRAINT "Belt_cityId_fkey" FOREIGN KEY ("cityId") REFERENCES "City"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TownCircle" ADD CONSTRAINT "TownCircle_beltId_fkey" FOREIGN KEY ("beltId") REFERENCES "Belt"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TownCircleTown" ADD CONSTRAINT "TownCircleTown_circleId_fkey" FOREIGN KEY ("circleId") REFERENCES "TownCircle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TownCircleTown" ADD CONSTRAINT "TownCircleTown_townId_fkey" FOREIGN KEY ("townId") REFERENCES "Town"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportingPeriod" ADD CONSTRAINT "ReportingPeriod_year_fkey" FOREIGN KEY ("year") REFERENCES "Year"("year") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_year_fkey" FOREIGN KEY ("year") REFERENCES "Year"("year") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BasicRequirement" ADD CONSTRAINT "BasicRequirement_year_fkey" FOREIGN KEY ("year") REFERENCES "Year"("year") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionPlan" ADD CONSTRAINT "ActionPlan_townId_fkey" FOREIGN KEY ("townId") REFERENCES "Town"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreationTask" ADD CONSTRAINT "CreationTask_townId_fkey" FOREIGN KEY ("townId") REFERENCES "Town"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreationTask" ADD CONSTRAINT "CreationTask_year_fkey" FOREIGN KEY ("year") REFERENCES "Year"("year") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorTarget" ADD CONSTRAINT "IndicatorTarget_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "CreationTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorTarget" ADD CONSTRAINT "IndicatorTarget_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "CreationTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "CreationTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "ReportingPeriod"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorValue" ADD CONSTRAINT "IndicatorValue_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorValue" ADD CONSTRAINT "IndicatorValue_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectProgress" ADD CONSTRAINT "ProjectProgress_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectProgress" ADD CONSTRAINT "ProjectProgress_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceBlob" ADD CONSTRAINT "EvidenceBlob_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewComment" ADD CONSTRAINT "ReviewComment_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewComment" ADD CONSTRAINT "ReviewComment_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewComment" ADD CONSTRAINT "ReviewComment_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RatingScheme" ADD CONSTRAINT "RatingScheme_year_fkey" FOREIGN KEY ("year") REFERENCES "Year"("year") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StarBand" ADD CONSTRAINT "StarBand_schemeId_fkey" FOREIGN KEY ("schemeId") REFERENCES "RatingScheme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RatingItem" ADD CONSTRAINT "RatingItem_schemeId_fkey" FOREIGN KEY ("schemeId") REFERENCES "RatingScheme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StarRating" ADD CONSTRAINT "StarRating_townId_fkey" FOREIGN KEY ("townId") REFERENCES "Town"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StarRating" ADD CONSTRAINT "StarRating_year_fkey" FOREIGN KEY ("year") REFERENCES "Year"("year") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StarRating" ADD CONSTRAINT "StarRating_schemeId_fkey" FOREIGN KEY ("schemeId") REFERENCES "RatingScheme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StarRating" ADD CONSTRAINT "StarRating_scoredById_fkey" FOREIGN KEY ("scoredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StarRating" ADD CONSTRAINT "StarRating_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemScore" ADD CONSTRAINT "ItemScore_ratingId_fkey" FOREIGN KEY ("ratingId") REFERENCES "StarRating"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemScore" ADD CONSTRAINT "ItemScore_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "RatingItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentScheme" ADD CONSTRAINT "AssessmentScheme_year_fkey" FOREIGN KEY ("year") REFERENCES "Year"("year") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentItem" ADD CONSTRAINT "AssessmentItem_schemeId_fkey" FOREIGN KEY ("schemeId") REFERENCES "AssessmentScheme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentTarget" ADD CONSTRAINT "AssessmentTarget_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "AssessmentItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentTarget" ADD CONSTRAINT "AssessmentTarget_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountyAssessment" ADD CONSTRAINT "CountyAssessment_schemeId_fkey" FOREIGN KEY ("schemeId") REFERENCES "AssessmentScheme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountyAssessment" ADD CONSTRAINT "CountyAssessment_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountyAssessment" ADD CONSTRAINT "CountyAssessment_year_fkey" FOREIGN KEY ("year") REFERENCES "Year"("year") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentItemResult" ADD CONSTRAINT "AssessmentItemResult_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "CountyAssessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentItemResult" ADD CONSTRAINT "AssessmentItemResult_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "AssessmentItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_townId_fkey" FOREIGN KEY ("townId") REFERENCES "Town"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
