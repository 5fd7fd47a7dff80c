"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/field";
import { deleteCircleAction, endCircleAction } from "@/lib/circles/actions";
import type { CircleAdminRow } from "@/lib/circles/queries";
import { deleteCircleSchema, endCircleSchema } from "@/lib/validation/circle";
import { useCheckedAction } from "./use-checked-action";

/**
 * Ends a circle "until last year" (the year before `year`), or deletes one that never counted
 * in a closed year. Each asks for confirmation first.
 */
export function CircleActions({ circle, year }: { circle: CircleAdminRow; year: number }) {
  const t = useTranslations("circleAdmin");
  const router = useRouter();
  const end = useCheckedAction(endCircleSchema, endCircleAction);
  const remove = useCheckedAction(deleteCircleSchema, deleteCircleAction, () =>
    router.push(`/admin/circles?year=${year}&deleted=1`),
  );
  const [confirm, confirmDialog] = useConfirm();
  const lastYear = year - 1;
  const canEnd =
    circle.fromYear <= lastYear && (circle.untilYear === null || circle.untilYear > lastYear);
  const state = remove.state.status !== "idle" ? remove.state : end.state;
  const token = { id: circle.id, expectedVersion: circle.version };
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {canEnd && (
          <Button
            variant="secondary"
            disabled={end.pending}
            onClick={async () => {
              const ok = await confirm({
                title: t("circle.endConfirm", { year: lastYear }),
                confirmLabel: t("endUntil", { year: lastYear }),
              });
              if (ok) end.submit({ ...token, untilYear: lastYear }, t("saved"));
            }}
          >
            {t("endUntil", { year: lastYear })}
          </Button>
        )}
        {circle.deletable && (
          <Button
            variant="danger"
            disabled={remove.pending}
            onClick={async () => {
              const ok = await confirm({
                title: t("circle.deleteConfirm"),
                confirmLabel: t("circle.delete"),
              });
              if (ok) remove.submit(token);
            }}
          >
            {t("circle.delete")}
          </Button>
        )}
      </div>
      {!circle.deletable && <p className="text-xs text-slate-500">{t("circle.historyKept")}</p>}
      <FormMessage status={state.status} message={state.message} />
      {confirmDialog}
    </div>
  );
}
