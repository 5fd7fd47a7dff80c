"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useDates } from "@/lib/i18n/dates";

/** Which side to keep for a field. */
export type FieldChoice = "mine" | "theirs";

/** One field that differs between the user's draft and the version saved meanwhile, as shown. */
export type ConflictRow = { key: string; label: string; mine: string; theirs: string };

/**
 * The side-by-side view of an edit conflict (issue 13, item 4): for each field that differs,
 * the user's unsaved text and the text someone else saved (by whom, when), with "keep mine" /
 * "take theirs" per field and for all at once. Every field starts as "keep mine" (nothing
 * typed is dropped unless the user says so). "Save" hands the choices (row key → side) to
 * `onApply`, which saves them against the other version (so a third writer is still noticed).
 * @param savedAt ISO time of the other save (shown in the user's locale); null when unknown.
 */
export function ConflictResolver({
  rows,
  savedBy,
  savedAt,
  onApply,
}: {
  rows: ConflictRow[];
  savedBy: string | null;
  savedAt: string | null;
  onApply: (choices: Record<string, FieldChoice>) => void;
}) {
  const t = useTranslations("saveRecovery.conflict");
  const dates = useDates();
  const id = useId();
  const [choices, setChoices] = useState<Record<string, FieldChoice>>({});
  const all = (choice: FieldChoice) =>
    setChoices(Object.fromEntries(rows.map((r) => [r.key, choice])));
  const shown = (text: string) =>
    text.trim() === "" ? <span className="text-slate-500">{t("empty")}</span> : text;
  return (
    <Card
      aria-labelledby={`${id}-title`}
      className="space-y-3 border-amber-300 bg-amber-50"
      data-testid="conflict-resolver"
    >
      <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
        {t("title")}
      </h2>
      <p className="text-sm text-slate-700">
        {t("lead", {
          name: savedBy ?? t("someone"),
          time: savedAt ? dates.dateTime(savedAt) : "—",
        })}
      </p>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-700">{t("same")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[36rem] bg-white text-sm">
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th className="px-2 py-1">{t("field")}</th>
                <th className="px-2 py-1">{t("mine")}</th>
                <th className="px-2 py-1">{t("theirs")}</th>
                <th className="px-2 py-1">{t("choice")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const choice = choices[row.key] ?? "mine";
                const set = (side: FieldChoice) => setChoices((c) => ({ ...c, [row.key]: side }));
                return (
                  <tr key={row.key} className="border-t border-slate-100 align-top">
                    <th scope="row" className="px-2 py-2 text-left font-medium">
                      {row.label}
                    </th>
                    <td className="px-2 py-2 whitespace-pre-wrap">{shown(row.mine)}</td>
                    <td className="px-2 py-2 whitespace-pre-wrap">{shown(row.theirs)}</td>
                    <td className="px-2 py-2">
                      <div role="radiogroup" aria-label={row.label} className="flex gap-3">
                        {(["mine", "theirs"] as const).map((side) => (
                          <label key={side} className="inline-flex items-center gap-1">
                            <input
                              type="radio"
                              name={`${id}-${row.key}`}
                              checked={choice === side}
                              onChange={() => set(side)}
                            />
                            {side === "mine" ? t("keepMine") : t("takeTheirs")}
                          </label>
                        ))}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        {rows.length > 0 && (
          <>
            <Button type="button" size="sm" variant="secondary" onClick={() => all("mine")}>
              {t("keepAllMine")}
            </Button>
            <Button type="button" size="sm" variant="secondary" onClick={() => all("theirs")}>
              {t("takeAllTheirs")}
            </Button>
          </>
        )}
        <Button type="button" size="sm" onClick={() => onApply(choices)}>
          {t("apply")}
        </Button>
      </div>
    </Card>
  );
}
