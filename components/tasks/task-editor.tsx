"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { Field, FormMessage, TextField } from "@/components/ui/field";
import { Dimension } from "@/lib/generated/prisma/enums";
import {
  deleteProjectAction,
  saveProjectAction,
  saveTargetsAction,
} from "@/lib/tasks/project-actions";
import type { TaskDetail } from "@/lib/tasks/queries";
import type { FormState } from "@/lib/validation/form-state-shared";
import { useDates } from "@/lib/i18n/dates";

type Project = TaskDetail["projects"][number];

const EMPTY: Omit<Project, "id" | "hasProgress"> = {
  code: "",
  name: "",
  dimension: "",
  plannedInvestmentWan: "",
  specialBondsWan: "",
  landSuppliedMu: "",
  startsOn: "",
  endsOn: "",
};

/**
 * A task's projects (table with add / edit / delete) and its indicator targets (one input per
 * applicable indicator, saved together), for the city administrator.
 */
export function TaskEditor({ task }: { task: TaskDetail }) {
  const t = useTranslations("tasks");
  const te = useTranslations("enums");
  const tr = useTranslations("reports");
  const dates = useDates();
  const en = useLocale() === "en";
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [editing, setEditing] = useState<(typeof EMPTY & { id?: number }) | null>(null);
  const [projectState, setProjectState] = useState<FormState>({ status: "idle" });
  const [targets, setTargets] = useState<Record<string, string>>(() =>
    Object.fromEntries(task.indicators.map((i) => [String(i.id), i.target])),
  );
  const [targetState, setTargetState] = useState<FormState>({ status: "idle" });
  const [confirm, confirmDialog] = useConfirm();

  const submitProject = () =>
    startTransition(async () => {
      if (!editing) return;
      const { id, ...fields } = editing;
      const result = await saveProjectAction({
        ...fields,
        taskId: String(task.id),
        ...(id ? { id: String(id) } : {}),
      });
      setProjectState(
        result.status === "ok" ? { status: "ok", message: t("projectSaved") } : result,
      );
      if (result.status === "ok") {
        setEditing(null);
        router.refresh();
      }
    });

  const remove = async (project: Project) => {
    const ok = await confirm({
      title: t("confirmDelete", { name: project.name }),
      confirmLabel: t("delete"),
    });
    if (!ok) return;
    startTransition(async () => {
      const result = await deleteProjectAction({ taskId: task.id, id: project.id });
      setProjectState(
        result.status === "ok" ? { status: "ok", message: t("projectDeleted") } : result,
      );
      if (result.status === "ok") router.refresh();
    });
  };

  const submitTargets = () =>
    startTransition(async () => {
      const result = await saveTargetsAction({ taskId: task.id, targets });
      setTargetState(
        result.status === "ok"
          ? {
              status: "ok",
              message: t("targetsDone", {
                set: result.data?.set ?? "0",
                cleared: result.data?.cleared ?? "0",
              }),
            }
          : result,
      );
      if (result.status === "ok") router.refresh();
    });

  const errors = projectState.fieldErrors ?? {};
  const text = (name: keyof typeof EMPTY, label: string, type = "text") =>
    editing && (
      <TextField
        name={name}
        label={label}
        type={type}
        value={editing[name]}
        error={errors[name]}
        onChange={(e) => setEditing({ ...editing, [name]: e.target.value })}
      />
    );

  return (
    <div className="space-y-6">
      {confirmDialog}
      <section className="space-y-3" aria-labelledby="projects-heading">
        <div className="flex items-center justify-between">
          <h2 id="projects-heading" className="text-lg font-semibold">
            {t("projects")}
          </h2>
          <Button
            size="sm"
            disabled={pending}
            onClick={() => {
              setProjectState({ status: "idle" });
              setEditing({ ...EMPTY });
            }}
          >
            {t("addProject")}
          </Button>
        </div>
        <FormMessage status={projectState.status} message={projectState.message} />
        {editing && (
          <form
            className="grid gap-3 rounded-md border border-slate-200 bg-white p-3 sm:grid-cols-3"
            onSubmit={(e) => {
              e.preventDefault();
              submitProject();
            }}
          >
            {text("code", t("projectCode"))}
            {text("name", t("projectName"))}
            <Field name="dimension" label={t("dimension")} error={errors.dimension}>
              {(control) => (
                <select
                  {...control}
                  value={editing.dimension}
                  onChange={(e) => setEditing({ ...editing, dimension: e.target.value })}
                >
                  <option value="">—</option>
                  {Object.values(Dimension).map((d) => (
                    <option key={d} value={d}>
                      {te(`Dimension.${d}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {text("plannedInvestmentWan", t("planned"))}
            {text("specialBondsWan", t("bonds"))}
            {text("landSuppliedMu", t("land"))}
            {text("startsOn", t("startsOn"), "date")}
            {text("endsOn", t("endsOn"), "date")}
            <div className="flex items-end gap-2">
              <Button type="submit" disabled={pending}>
                {t("save")}
              </Button>
              <Button type="button" variant="secondary" onClick={() => setEditing(null)}>
                {t("cancel")}
              </Button>
            </div>
          </form>
        )}
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-200">
              <th className="py-2">{t("projectCode")}</th>
              <th>{t("projectName")}</th>
              <th>{t("dimension")}</th>
              <th className="text-right">{t("planned")}</th>
              <th className="text-right">{t("bonds")}</th>
              <th className="text-right">{t("land")}</th>
              <th className="pl-4">{t("startsOn")}</th>
              <th>{t("endsOn")}</th>
              <th>
                <span className="sr-only">{t("actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {task.projects.length === 0 && (
              <tr>
                <td colSpan={9} className="py-3 text-slate-500">
                  {t("noProjects")}
                </td>
              </tr>
            )}
            {task.projects.map((p) => (
              <tr key={p.id} className="border-b border-slate-100">
                <td className="py-2">{p.code}</td>
                <td>{p.name}</td>
                <td>{p.dimension ? te(`Dimension.${p.dimension}`) : ""}</td>
                <td className="text-right tabular-nums">{p.plannedInvestmentWan}</td>
                <td className="text-right tabular-nums">{p.specialBondsWan}</td>
                <td className="text-right tabular-nums">{p.landSuppliedMu}</td>
                <td className="pl-4">{p.startsOn && dates.date(p.startsOn)}</td>
                <td>{p.endsOn && dates.date(p.endsOn)}</td>
                <td className="space-x-2 text-right">
                  <Button
                    size="sm"
                    variant="secondary"
                    disabled={pending}
                    aria-label={t("editNamed", { name: p.name })}
                    onClick={() => {
                      setProjectState({ status: "idle" });
                      setEditing({ ...p });
                    }}
                  >
                    {t("edit")}
                  </Button>
                  <Button
                    size="sm"
                    variant="danger"
                    disabled={pending}
                    aria-label={t("deleteNamed", { name: p.name })}
                    onClick={() => remove(p)}
                  >
                    {t("delete")}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="space-y-3" aria-labelledby="targets-heading">
        <h2 id="targets-heading" className="text-lg font-semibold">
          {t("targets")}
        </h2>
        <FormMessage status={targetState.status} message={targetState.message} />
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            submitTargets();
          }}
        >
          <div className="grid gap-3 sm:grid-cols-2">
            {task.indicators.map((i) => {
              const unit = en ? i.unitEn : i.unit;
              const label = `${i.code} ${en ? i.nameEn : i.name}${unit ? ` (${unit})` : ""}`;
              const value = targets[String(i.id)] ?? "";
              const error = targetState.fieldErrors?.[`target-${i.id}`];
              const set = (v: string) => setTargets({ ...targets, [String(i.id)]: v });
              // A yes/no target is chosen as 是/否 (Yes/No), stored as 1/0.
              return i.valueType === "BOOLEAN" ? (
                <Field key={i.id} name={`target-${i.id}`} label={label} error={error}>
                  {(control) => (
                    <select {...control} value={value} onChange={(e) => set(e.target.value)}>
                      <option value="">—</option>
                      <option value="1">{tr("yes")}</option>
                      <option value="0">{tr("no")}</option>
                    </select>
                  )}
                </Field>
              ) : (
                <TextField
                  key={i.id}
                  name={`target-${i.id}`}
                  label={label}
                  value={value}
                  error={error}
                  onChange={(e) => set(e.target.value)}
                />
              );
            })}
          </div>
          {task.indicators.length === 0 ? (
            <p className="text-sm text-slate-500">{t("noIndicators")}</p>
          ) : (
            <Button type="submit" disabled={pending}>
              {t("saveTargets")}
            </Button>
          )}
        </form>
      </section>
    </div>
  );
}
