"use client";

import { useTranslations } from "next-intl";

/** A self-assessment's evidence of one item, as the rating view lists it. */
export type SelfEvidence = { id: number; itemId: number | null; fileName: string; linked: boolean };

/**
 * Evidence files of a self-assessment item as download links (original names kept); files
 * picked from the town's reports are marked; `onRemove` adds a remove button.
 */
export function SelfEvidenceList({
  evidence,
  onRemove,
}: {
  evidence: SelfEvidence[];
  onRemove?: (evidence: SelfEvidence) => void;
}) {
  const t = useTranslations("ratings");
  if (evidence.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-xs">
      {evidence.map((e) => (
        <li key={`${e.id}-${e.linked}`} className="flex flex-wrap items-center gap-2">
          <a href={`/api/evidence/${e.id}`} className="text-brand-700 hover:underline">
            {e.fileName}
          </a>
          {e.linked && <span className="text-slate-500">{t("fromReports")}</span>}
          {onRemove && (
            <button
              type="button"
              className="text-red-700 hover:underline"
              onClick={() => onRemove(e)}
              aria-label={t("removeFile", { name: e.fileName })}
            >
              {t("remove")}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
