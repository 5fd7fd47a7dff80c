/**
 * The audit log as a table — headers and each row's cells as text — one owner for the audit
 * page (app/(app)/admin/audit) and its export (lib/export/tables.ts): time, person, action,
 * object, changes (before → after), client address.
 */
import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { db } from "@/lib/db";
import { getDates } from "@/lib/i18n/dates-server";
import { changeLine, fieldChanges, showValue, type AuditWords, type FieldChange } from "./display";
import type { AuditEntityType } from "./catalogue";
import { SELF_NAMED_TYPES } from "./names";
import type { AuditRow } from "./queries";

/** The column ids of the audit table, in order. */
export const auditColumns = ["at", "actor", "action", "entity", "changes", "ip"] as const;

/**
 * Where the codes an audit value may hold are labelled (catalogue prefixes): a `status` by the
 * row's entity type (a run's COMPUTED is not a report's), other fields by name; a code found
 * in neither is looked up in `FALLBACK_ENUMS`, and shown as is when none has it.
 */
const STATUS_LABELS: Partial<Record<AuditEntityType, string>> = {
  ProgressReport: "enums.ReportStatus",
  CreationTask: "enums.TaskStatus",
  Project: "enums.ProjectStatus",
  StarRating: "enums.RatingStatus",
  ScoreSheet: "enums.SheetStatus",
  SelfAssessment: "enums.SheetStatus",
  Year: "programmeYears.status",
  RatingScheme: "ratingSchemes.status",
  AssessmentScheme: "assessments.schemeStatus",
  AssessmentRun: "assessments.runStatus",
};
const FIELD_LABELS: Record<string, string> = {
  ratingStatus: "enums.RatingStatus",
  decision: "enums.RatingDecisionKind",
  dimension: "enums.Dimension",
  townType: "enums.TownType",
  townTypes: "enums.TownType",
  target: "enums.CreationTarget",
  track: "enums.Track",
  combination: "enums.RatingCombination",
  grade: "enums.Grade",
  category: "enums.AssessmentCategory",
  valueType: "indicatorCatalogue.valueTypes",
  basis: "assessments.basis",
  scoring: "assessments.scoring",
  direction: "assessments.direction",
  effect: "ratingSchemes.vetoEffects",
};
/** `kind` by entity type: an indicator's kind, an assessment item's, a town's. */
const KIND_LABELS: Partial<Record<AuditEntityType, string>> = {
  Indicator: "indicatorCatalogue.kinds",
  AssessmentScheme: "assessments.kind",
  Town: "enums.TownKind",
};
const FALLBACK_ENUMS = ["enums.ReportStatus", "enums.ReviewDecision", "enums.Grade"] as const;

/**
 * The words of the audit rows `rows` in the request's language (one query: the names of the
 * indicators their `values.<id>` fields name): field labels from `exportsAudit.audit.fields`
 * (an unknown field shows its name), indicator names for `values.<id>`, status codes as their
 * labels, roles by name, yes/no for booleans; anything else as `showValue` gives it.
 */
async function auditWords(changes: Iterable<FieldChange[]>): Promise<AuditWords> {
  const [ta, tAll, tr, locale] = await Promise.all([
    getTranslations("exportsAudit.audit"),
    getTranslations(),
    getTranslations("roles"),
    getLocale(),
  ]);
  const ids = new Set<number>();
  for (const list of changes) {
    for (const c of list) {
      const id = /^values\.(\d{1,9})$/.exec(c.field)?.[1];
      if (id) ids.add(Number(id));
    }
  }
  const indicators =
    ids.size === 0
      ? []
      : await db().indicator.findMany({
          where: { id: { in: [...ids] } },
          select: { id: true, name: true, nameEn: true },
        });
  const indicatorName = new Map(
    indicators.map((i) => [`values.${i.id}`, (locale === "en" && i.nameEn) || i.name]),
  );
  return {
    field: (path) => {
      const name = indicatorName.get(path);
      if (name) return name;
      const [head, rest] = path.split(/\.(.*)/s) as [string, string | undefined];
      const label = ta.has(`fields.${head}`) ? ta(`fields.${head}`) : head;
      return rest === undefined ? label : `${label} ${rest}`;
    },
    value: (path, value, entityType) => {
      if (typeof value === "boolean") return ta(value ? "yes" : "no");
      // A list of codes (a scheme's town types) reads as its labels.
      if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
        return value.length === 0 ? "—" : value.map((v) => label(path, v, entityType)).join("、");
      }
      return typeof value === "string" ? label(path, value, entityType) : showValue(value);
    },
  };

  /** A code's label by the field and the row's entity type; other text as it is. */
  function label(path: string, value: string, entityType?: string): string {
    // Only an identifier can be an enum's code: "" or a dotted value ("a.b") would name a
    // catalogue object, not a message, and next-intl throws (an empty note cleared in a row,
    // or a refused call's empty Origin, broke the audit page: issue 14).
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(value)) return showValue(value);
    if (path === "role" && tr.has(value)) return tr(value);
    const field = path.split(".").at(-1)!;
    const type = entityType as AuditEntityType | undefined;
    const owner =
      field === "status" && type
        ? STATUS_LABELS[type]
        : field === "kind" && type
          ? KIND_LABELS[type]
          : FIELD_LABELS[field];
    const known = [owner, ...FALLBACK_ENUMS].find((p) => p && tAll.has(`${p}.${value}`));
    return known ? tAll(`${known}.${value}`) : showValue(value);
  }
}

/**
 * The audit table's texts in the request's language for `rows`: `headers` (by column id),
 * `action` (an action's label; actions added later without a label show their code),
 * `changes` (a row's changed fields, one "field: before → after" line each, worked out once
 * per row; `recorded` false for rows that record no fields, such as a sign-in) and `cells` (a
 * row's cells as text, by column id: the object as "type word · name" — a person, town, task
 * or report by its name alone, a deleted one as "type word #id"; changes one line per field,
 * "无字段变化" when fields were recorded but none changed, nothing when none are recorded).
 */
export async function auditTableText(rows: readonly AuditRow[]) {
  const t = await getTranslations("audit");
  const ta = await getTranslations("exportsAudit.audit");
  const dates = await getDates();
  const lists = new Map(rows.map((r) => [r.id, fieldChanges(r.before, r.after)]));
  const words = await auditWords(lists.values());
  const changes = (r: AuditRow) => ({
    recorded: r.before != null || r.after != null,
    lines: (lists.get(r.id) ?? fieldChanges(r.before, r.after)).map((c) =>
      changeLine(c, words, r.entityType),
    ),
  });
  const typeWord = (type: string) =>
    ta.has(`entityTypes.${type}`) ? ta(`entityTypes.${type}`) : type;
  const entity = (r: AuditRow) =>
    r.entityLabel === null
      ? `${typeWord(r.entityType)} #${r.entityId}`
      : SELF_NAMED_TYPES.has(r.entityType)
        ? r.entityLabel
        : `${typeWord(r.entityType)} · ${r.entityLabel}`;
  const action = (code: string) => (t.has(`actions.${code}`) ? t(`actions.${code}`) : code);
  const headers: Record<(typeof auditColumns)[number], string> = {
    at: t("at"),
    actor: t("actor"),
    action: t("action"),
    entity: t("entity"),
    changes: ta("changes"),
    ip: t("ip"),
  };
  const cells = (r: AuditRow): Record<(typeof auditColumns)[number], string> => {
    const { recorded, lines } = changes(r);
    return {
      at: dates.dateTime(r.at),
      actor: r.actorLabel ?? r.actorName ?? "—",
      action: action(r.action),
      entity: entity(r),
      changes: recorded ? lines.join("\n") || ta("noChanges") : "",
      ip: r.ip ?? "",
    };
  };
  return { headers, action, cells, changes };
}
