-- CreateTable
CREATE TABLE "DataVersion" (
    "backend" INTEGER NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "DataVersion_pkey" PRIMARY KEY ("backend")
);

-- The data version (issue 15, lib/system/data-version.ts): any change to the data the figures
-- are computed from moves it, in the changing transaction, once per transaction (the flag is
-- transaction-local, so a rolled-back change leaves no trace). Each backend counts in its own
-- row, so writers never wait for each other here; the version is the sum of the rows.
CREATE FUNCTION "bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('meizhen.data_version_bumped', true) IS DISTINCT FROM 'yes' THEN
    PERFORM set_config('meizhen.data_version_bumped', 'yes', true);
    INSERT INTO "DataVersion" ("backend", "version") VALUES (pg_backend_pid(), 1)
    ON CONFLICT ("backend") DO UPDATE SET "version" = "DataVersion"."version" + 1;
  END IF;
  RETURN NULL;
END
$$;

-- Every table but users, API tokens, the audit log, rate limits and the version itself.
CREATE TRIGGER "City_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "City"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "County_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "County"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "Town_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Town"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "TownEvent_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "TownEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "Belt_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Belt"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "TownCircle_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "TownCircle"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "TownCircleTown_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "TownCircleTown"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "Year_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Year"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "ReportingPeriod_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ReportingPeriod"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "Indicator_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Indicator"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "BasicRequirement_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "BasicRequirement"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "ActionPlan_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ActionPlan"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "CreationTask_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CreationTask"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "IndicatorTarget_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "IndicatorTarget"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "Project_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Project"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "ProgressReport_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ProgressReport"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "ReportSubmission_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ReportSubmission"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "IndicatorValue_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "IndicatorValue"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "ProjectProgress_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ProjectProgress"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "Evidence_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Evidence"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "EvidenceBlob_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "EvidenceBlob"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "Review_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Review"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "ReviewComment_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ReviewComment"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "RatingScheme_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "RatingScheme"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "StarBand_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "StarBand"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "RatingCategory_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "RatingCategory"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "RatingItem_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "RatingItem"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "RatingCriterion_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "RatingCriterion"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "StarRating_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "StarRating"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "RatingPanelist_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "RatingPanelist"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "ScoreSheet_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ScoreSheet"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "SheetItemScore_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "SheetItemScore"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "SelfAssessment_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "SelfAssessment"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "SelfAssessmentItem_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "SelfAssessmentItem"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "SelfAssessmentEvidenceLink_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "SelfAssessmentEvidenceLink"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "RatingDecision_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "RatingDecision"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "AssessmentScheme_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AssessmentScheme"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "AssessmentItem_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AssessmentItem"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "AssessmentTarget_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AssessmentTarget"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "AssessmentEntry_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AssessmentEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "AssessmentRun_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AssessmentRun"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "CountyAssessment_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CountyAssessment"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "AssessmentItemResult_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AssessmentItemResult"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "SystemSetting_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "SystemSetting"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
