"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/field";
import { approveReportAction, returnReportAction } from "@/lib/reports/actions";
import type { ReportSheet } from "@/lib/reports/sheet";
import type { FormState } from "@/lib/validation/form-state-shared";
import { cn } from "@/lib/utils";
import {
  EvidenceLinks,
  figureColumns,
  IndicatorName,
  IndicatorTables,
  IndicatorValueText,
} from "./report-parts";

/**
 * The county review screen of a submitted report: each value against its target and the last
 * period, evidence beside it, a comment box per indicator and per project, an overall comment,
 * and approve / return. Items with a comment go back to the township highlighted.
 */
export function ReviewForm({ sheet, queueHref }: { sheet: ReportSheet; queueHref: string }) {
  const t = useTranslations("review");
  const tr = useTranslations("reports");
  const te = useTranslations("enums");
  const router = useRouter();
  const [comments, setComments] = useState<Record<string, string>>({});
  const [overall, setOverall] = useState("");
  const [state, setState] = useState<FormState>({ status: "idle" });
  const [pending, startTransition] = useTransition();

  const setComment = (key: string, value: string) => setComments((c) => ({ ...c, [key]: value }));
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
      if (result.status === "ok") router.push(queueHref);
    });

  const commentBox = (key: string, name: string) => (
    <input
      aria-label={t("commentOn", { name })}
      className={cn(
        "w-56 rounded-md border border-slate-300 px-2 py-1 text-sm",
        comments[key] && "border-amber-500 bg-amber-50",
      )}
      maxLength={1000}
      value={comments[key] ?? ""}
      onChange={(e) => setComment(key, e.target.value)}
    />
  );

  return (
    <div className="space-y-4">
      <IndicatorTables
        indicators={sheet.indicators}
        minWidth="min-w-[56rem]"
        highlightComments={false}
        columns={[
          { header: tr("indicator"), cell: (i) => <IndicatorName indicator={i} /> },
          {
            header: tr("value"),
            cell: (i) => <IndicatorValueText indicator={i} />,
            className: "font-medium",
          },
          ...figureColumns(tr),
          { header: tr("evidence"), cell: (i) => <EvidenceLinks evidence={i.evidence} /> },
          { header: t("comment"), cell: (i) => commentBox(`i.${i.id}`, i.name) },
        ]}
      />
      {sheet.projects.length > 0 && (
        <Card className="overflow-x-auto">
          <CardTitle>{tr("projects")}</CardTitle>
          <table className="mt-3 w-full min-w-[48rem] text-sm">
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th className="py-1 pr-2">{tr("project")}</th>
                <th className="px-2">{tr("plannedWan")}</th>
                <th className="px-2">{tr("completedWan")}</th>
                <th className="px-2">{tr("percentComplete")}</th>
                <th className="px-2">{tr("projectStatus")}</th>
                <th className="px-2" />
              </tr>
            </thead>
            <tbody>
              {sheet.projects.map((p) => (
                <tr key={p.id} className="border-t border-slate-100 align-top">
                  <td className="py-2 pr-2">{p.name}</td>
                  <td className="px-2 py-2">{p.planned}</td>
                  <td className="px-2 py-2">{p.completed || "—"}</td>
                  <td className="px-2 py-2">{p.percent || "—"}</td>
                  <td className="px-2 py-2">{te(`ProjectStatus.${p.status}`)}</td>
                  <td className="px-2 py-2">{commentBox(`p.${p.id}`, p.name)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
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
          <Button disabled={pending} onClick={() => decide("approve")}>
            {t("approve")}
          </Button>
          <Button variant="danger" disabled={pending} onClick={() => decide("return")}>
            {t("return")}
          </Button>
        </div>
      </Card>
    </div>
  );
}
