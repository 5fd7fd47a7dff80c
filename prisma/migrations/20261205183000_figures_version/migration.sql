-- AlterTable
ALTER TABLE "DataVersion" ADD COLUMN "figuresVersion" BIGINT NOT NULL DEFAULT 0;

-- Two counters (issue 15, lib/system/data-version.ts): "version" moves with every change, as
-- before; "figuresVersion" with every change but a draft save's. A draft save (lib/reports/
-- mutations.ts saveReport) marks its transaction with meizhen.draft_save = 'yes' and writes
-- only a draft's values, notes, confirmations, project progress and the report's narrative,
-- self-score and version, which no figure reads (figures count accepted reports only), so
-- dashboards keep their cached figures while townships type. The mark is honoured only for
-- those three tables: anything else written in a marked transaction moves both counters.
-- Each counter moves at most once per transaction (transaction-local flags).
CREATE OR REPLACE FUNCTION "bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  all_done boolean := coalesce(current_setting('meizhen.data_version_bumped', true), '') = 'yes';
  figures_done boolean := coalesce(current_setting('meizhen.figures_version_bumped', true), '') = 'yes';
  draft_only boolean := coalesce(current_setting('meizhen.draft_save', true), '') = 'yes'
    AND TG_TABLE_NAME IN ('ProgressReport', 'IndicatorValue', 'ProjectProgress');
  add_all integer := CASE WHEN all_done THEN 0 ELSE 1 END;
  add_figures integer := CASE WHEN figures_done OR draft_only THEN 0 ELSE 1 END;
BEGIN
  IF add_all = 0 AND add_figures = 0 THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('meizhen.data_version_bumped', 'yes', true);
  IF add_figures = 1 THEN
    PERFORM set_config('meizhen.figures_version_bumped', 'yes', true);
  END IF;
  INSERT INTO "DataVersion" ("backend", "version", "figuresVersion")
  VALUES (pg_backend_pid(), add_all, add_figures)
  ON CONFLICT ("backend") DO UPDATE SET
    "version" = "DataVersion"."version" + add_all,
    "figuresVersion" = "DataVersion"."figuresVersion" + add_figures;
  RETURN NULL;
END
$$;
