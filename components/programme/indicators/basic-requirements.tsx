"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { basicRequirementAction } from "@/lib/indicators/actions";
import type { BasicRequirementRow } from "@/lib/indicators/queries";
import { idleState } from "@/lib/validation/form-state-shared";

const input = "w-full rounded-md border border-slate-300 px-2 py-1 text-sm";

/**
 * The year's basic requirements (十个一): each editable in place (names zh/en, order, delete)
 * and a row to add one, when `canManage`; otherwise a read-only list.
 */
export function BasicRequirementsEditor({
  year,
  rows,
  canManage,
}: {
  year: number;
  rows: BasicRequirementRow[];
  canManage: boolean;
}) {
  const t = useTranslations("indicatorCatalogue");
  const en = useLocale() === "en";
  if (!canManage) {
    return rows.length === 0 ? (
      <p className="text-sm text-slate-500">{t("basic.empty")}</p>
    ) : (
      <ol className="list-decimal space-y-1 pl-5 text-sm" data-testid="basic-requirements">
        {rows.map((r) => (
          <li key={r.id}>{en ? r.nameEn : r.name}</li>
        ))}
      </ol>
    );
  }
  return (
    <div className="space-y-2" data-testid="basic-requirements">
      {rows.length === 0 && <p className="text-sm text-slate-500">{t("basic.empty")}</p>}
      {rows.map((r) => (
        <RequirementRow
          key={`${r.id}-${r.sortOrder}-${r.code}-${r.name}-${r.nameEn}`}
          year={year}
          row={r}
        />
      ))}
      <RequirementRow key={`new-${rows.length}`} year={year} />
    </div>
  );
}

function RequirementRow({ year, row }: { year: number; row?: BasicRequirementRow }) {
  const t = useTranslations("indicatorCatalogue");
  const [state, action, pending] = useActionState(basicRequirementAction, idleState);
  const errors = state.fieldErrors ?? {};
  const error = errors.code ?? errors.name ?? errors.nameEn ?? errors.sortOrder;
  return (
    <form action={action} className="grid grid-cols-2 gap-2 sm:grid-cols-[5rem_10rem_1fr_1fr_auto]">
      <input type="hidden" name="year" value={year} />
      {row && <input type="hidden" name="id" value={row.id} />}
      <input
        name="sortOrder"
        aria-label={t("basic.sortOrder")}
        inputMode="numeric"
        defaultValue={row?.sortOrder ?? ""}
        placeholder={t("basic.sortOrder")}
        className={input}
      />
      <input
        name="code"
        aria-label={t("basic.code")}
        defaultValue={row?.code}
        placeholder={t("basic.code")}
        className={input}
      />
      <input
        name="name"
        aria-label={t("basic.name")}
        defaultValue={row?.name}
        placeholder={t("basic.name")}
        className={input}
      />
      <input
        name="nameEn"
        aria-label={t("basic.nameEn")}
        defaultValue={row?.nameEn}
        placeholder={t("basic.nameEn")}
        className={input}
      />
      <div className="flex gap-1">
        <Button type="submit" size="sm" variant="secondary" disabled={pending}>
          {row ? t("basic.save") : t("basic.add")}
        </Button>
        {row && (
          <Button
            type="submit"
            size="sm"
            variant="ghost"
            name="op"
            value="delete"
            disabled={pending}
          >
            {t("basic.delete")}
          </Button>
        )}
      </div>
      {(error || state.status === "error") && (
        <div className="col-span-full">
          <FormMessage status="error" message={error ?? state.message} />
        </div>
      )}
    </form>
  );
}
