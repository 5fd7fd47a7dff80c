"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { Card } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/field";
import { withNotice } from "@/lib/notices";
import { approveReportAction, returnReportAction } from "@/lib/reports/actions";
import type { ReportSheet, SheetIndicator, SheetProject } from "@/lib/reports/sheet";
import type { FormState } from "@/lib/validation/form-state-shared";
import { cn } from "@/lib/utils";
import { PlausibilityBadge } from "./plausibility-badge";
import {
  EvidenceLinks,
  figureColumns,
  IndicatorName,
  IndicatorTables,
  IndicatorValueText,
  ProjectCards,
} from "./report-parts";

/** Before → after of one changed value (null: unchanged, nothing shown). */
function ChangeLine({
  change,
  valueOf,
}: {
  change: { before: string; after: string } | null;
  valueOf: (value: string) => React.ReactNode;
}) {
  const t = useTranslations("reviewFlow.review");
  if (!change) return null;
  return (
    <p className="text-xs text-blue-800" data-testid="change">
      {t("sinceLast")}
      {t("colon")}
      <span className="line-through">{valueOf(change.before)}</span> →{" "}
      <span className="font-medium">{valueOf(change.after)}</span>
    </p>
  );
}

/** File names added / removed since the last submission. */
export function FileChanges({ added, removed }: { added: string[]; removed: string[] }) {
  const t = useTranslations("reviewFlow.review");
  return (
    <>
      {added.length > 0 && (
        <p className="text-xs text-blue-800">{t("filesAdded", { files: added.join("、") })}</p>
      )}
      {removed.length > 0 && (
        <p className="text-xs text-blue-800">{t("filesRemoved", { files: removed.join("、") })}</p>
      )}
    </>
  );
}

/** The comments of the earlier county return on one item. */
function EarlierComments({ comments }: { comments: string[] }) {
  const t = useTranslations("reviewFlow.review");
  if (comments.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5" data-testid="earlier-comments">
      {comments.map((c, index) => (
        <li key={index} className="rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-900">
          {t("earlierComment")}
          {t("colon")}
          {c}
        </li>
      ))}
    </ul>
  );
}

/**
 * Everything the reviewer reads about one indicator's value, in one place: the value
 * (highlighted when below the task's target), what changed since the last submission (value
 * before → after, files added or removed) and the earlier review's comments on it.
 */
export function ReviewItemValue({ indicator: i }: { indicator: SheetIndicator }) {
  const t = useTranslations("reviewFlow.review");
  const tr = useTranslations("reports");
  const valueOf = (value: string) =>
    value === ""
      ? t("notFilled")
      : i.valueType === "BOOLEAN"
        ? tr(value === "1" ? "yes" : "no")
        : value;
  return (
    <div className="min-w-[9rem] max-w-[18rem] space-y-0.5">
      <p className={cn(i.belowTarget && "text-red-700")}>
        <span data-testid="value">
          <IndicatorValueText indicator={i} />
        </span>
        {i.belowTarget && (
          <span className="ml-1 rounded bg-red-50 px-1 text-xs font-normal text-red-700">
            {t("belowTarget")}
          </span>
        )}
      </p>
      <PlausibilityBadge indicator={i} />
      <ChangeLine change={i.change} valueOf={valueOf} />
      <FileChanges added={i.evidenceAdded} removed={i.evidenceRemoved} />
      <EarlierComments comments={i.earlierComments} />
    </div>
  );
}

/** One project's row content for the reviewer: name, the township's note, changes, earlier comments. */
function ReviewProjectName({ project: p }: { project: SheetProject }) {
  const t = useTranslations("reviewFlow.review");
  const te = useTranslations("enums");
  const show = (field: SheetProject["changes"][number]["field"], value: string) =>
    value === "" ? t("notFilled") : field === "status" ? te(`ProjectStatus.${value}`) : value;
  return (
    <div className="space-y-0.5">
      <p>{p.name}</p>
      {p.note && (
        <p className="text-xs text-slate-600">
          {t("projectNote")}
          {t("colon")}
          {p.note}
        </p>
      )}
      {p.changes.map((c) => (
        <p key={c.field} className="text-xs text-blue-800" data-testid="change">
          {t(`field.${c.field}`)}
          {t("colon")}
          <span className="line-through">{show(c.field, c.before)}</span> →{" "}
          <span className="font-medium">{show(c.field, c.after)}</span>
        </p>
      ))}
      <EarlierComments comments={p.earlierComments} />
    </div>
  );
}

/** The city's return comment and the resubmission notice, above the review form. */
export function ReviewNotices({ sheet }: { sheet: ReportSheet }) {
  const t = useTranslations("reviewFlow.review");
  const format = useFormatter();
  const unchanged =
    sheet.resubmitted &&
    !sheet.indicators.some((i) => i.change || i.evidenceAdded.length || i.evidenceRemoved.length) &&
    !sheet.projects.some((p) => p.changes.length > 0) &&
    sheet.otherEvidenceAdded.length === 0 &&
    sheet.otherEvidenceRemoved.length === 0;
  return (
    <>
      {sheet.cityReturn && (
        <div
          role="note"
          data-testid="city-return"
          className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900"
        >
          <p className="font-medium">
            {t("cityReturnTitle")} · {sheet.cityReturn.reviewer} ·{" "}
            {format.dateTime(new Date(sheet.cityReturn.at), "dateTime")}
          </p>
          <p className="mt-1 whitespace-pre-wrap">{sheet.cityReturn.comment}</p>
          <p className="mt-1 text-xs">{t("cityReturnHint")}</p>
        </div>
      )}
      {sheet.resubmitted && (
        <div
          role="note"
          data-testid="resubmitted"
          className="rounded-md border border-blue-200 bg-blue-50 p-3 text-sm text-blue-900"
        >
          <p>{unchanged ? t("noChanges") : t("resubmitted")}</p>
          <FileChanges added={sheet.otherEvidenceAdded} removed={sheet.otherEvidenceRemoved} />
        </div>
      )}
    </>
  );
}

/**
 * The county review screen of a submitted report: each value against its target and the last
 * period (below-target values highlighted), what changed since the last submission and the
 * earlier review's comments beside each item, evidence beside it, a comment box per indicator
 * and per project, an overall comment, and approve / return. Items with a comment go back to
 * the township highlighted.
 */
export function ReviewForm({ sheet, queueHref }: { sheet: ReportSheet; queueHref: string }) {
  const t = useTranslations("review");
  const tr = useTranslations("reports");
  const router = useRouter();
  const [comments, setComments] = useState<Record<string, string>>({});
  const [overall, setOverall] = useState("");
  const [state, setState] = useState<FormState>({ status: "idle" });
  const [pending, startTransition] = useTransition();
  const [confirm, confirmDialog] = useConfirm();

  const setComment = (key: string, value: string) => setComments((c) => ({ ...c, [key]: value }));
  // Both decisions move the report out of the reviewer's hands: each is confirmed first. A
  // return without any comment goes straight to the server, which says one is needed.
  const commentCount =
    Object.values(comments).filter((c) => c.trim() !== "").length + (overall.trim() ? 1 : 0);
  const decideConfirmed = async (decision: "approve" | "return") => {
    if (decision === "return" && commentCount === 0) return decide(decision);
    const ask = decision === "approve" ? "confirmApprove" : "confirmReturn";
    const ok = await confirm({
      title: t(`${ask}.title`, { town: sheet.townName, period: sheet.periodName }),
      message: t(`${ask}.message`, { count: commentCount }),
      confirmLabel: t(`${ask}.confirm`),
      tone: decision === "approve" ? "primary" : "danger",
    });
    if (ok) decide(decision);
  };
  const decide = (decision: "approve" | "return") =>
    startTransition(async () => {
      const base = { reportId: sheet.id, expectedVersion: sheet.version, comment: overall };
      const items = Object.entries(comments)
        .filter(([, comment]) => comment.trim() !== "")
        .map(([key, comment]) => {
          const [kind, id] = key.split(".");
          return kind === "i"
            ? { indicatorId: Number(id), comment }
            : { projectId: Number(id), comment };
        });
      const result =
        decision === "approve"
          ? await approveReportAction(base)
          : await returnReportAction({ ...base, items });
      setState(result);
      if (result.status === "ok") {
        router.push(
          withNotice(queueHref, decision === "approve" ? "reviewApproved" : "reviewReturned"),
        );
      }
    });

  const commentBox = (key: string, name: string) => (
    <input
      aria-label={t("commentOn", { name })}
      className={cn(
        "w-56 rounded-md border border-slate-300 px-2 py-1 text-sm max-md:w-full",
        comments[key] && "border-amber-500 bg-amber-50",
      )}
      maxLength={1000}
      value={comments[key] ?? ""}
      onChange={(e) => setComment(key, e.target.value)}
    />
  );

  return (
    <div className="space-y-4">
      <ReviewNotices sheet={sheet} />
      <IndicatorTables
        indicators={sheet.indicators}
        minWidth="md:min-w-[56rem]"
        highlightComments={false}
        columns={[
          { header: tr("indicator"), width: "24%", cell: (i) => <IndicatorName indicator={i} /> },
          {
            header: tr("value"),
            cell: (i) => <ReviewItemValue indicator={i} />,
            className: "font-medium",
          },
          ...figureColumns(tr),
          {
            header: tr("evidence"),
            width: "18%",
            cell: (i) => <EvidenceLinks evidence={i.evidence} />,
          },
          { header: t("comment"), width: "26%", cell: (i) => commentBox(`i.${i.id}`, i.name) },
        ]}
      />
      <ProjectCards
        projects={sheet.projects}
        minWidth="md:min-w-[48rem]"
        name={(p) => (
          <div data-testid={`project-${p.code}`}>
            <ReviewProjectName project={p} />
          </div>
        )}
        extra={[{ header: t("comment"), cell: (p) => commentBox(`p.${p.id}`, p.name) }]}
      />
      <Card className="space-y-3">
        <p className="text-sm">
          {tr("selfScore")}：{sheet.selfScore || "—"}
        </p>
        <p className="whitespace-pre-wrap text-sm text-slate-700">{sheet.narrative || "—"}</p>
        <EvidenceLinks evidence={sheet.otherEvidence} />
        <label className="block text-sm font-medium text-slate-700" htmlFor="field-overall">
          {t("overallComment")}
        </label>
        <textarea
          id="field-overall"
          rows={3}
          maxLength={1000}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          value={overall}
          onChange={(e) => setOverall(e.target.value)}
        />
        {state.fieldErrors?.comment && (
          <p role="alert" className="text-sm text-red-600">
            {state.fieldErrors.comment}
          </p>
        )}
        <FormMessage status={state.status} message={state.message} />
        <div className="flex gap-2">
          <Button disabled={pending} onClick={() => decideConfirmed("approve")}>
            {t("approve")}
          </Button>
          <Button variant="danger" disabled={pending} onClick={() => decideConfirmed("return")}>
            {t("return")}
          </Button>
        </div>
        {confirmDialog}
      </Card>
    </div>
  );
}
