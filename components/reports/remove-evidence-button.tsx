"use client";

import { useTranslations } from "next-intl";
import { useConfirm } from "@/components/ui/confirm-dialog";
import type { SheetEvidence } from "@/lib/reports/sheet";

/** The remove button of an evidence file: asks in a dialog first, then calls `onRemove`. */
export function RemoveEvidenceButton({
  evidence,
  onRemove,
}: {
  evidence: SheetEvidence;
  onRemove: (evidence: SheetEvidence) => void;
}) {
  const t = useTranslations("evidence");
  const tc = useTranslations("everyday.confirm");
  const [confirm, dialog] = useConfirm();
  return (
    <>
      <button
        type="button"
        className="text-red-600 hover:underline"
        aria-label={t("removeNamed", { name: evidence.fileName })}
        onClick={async () => {
          const ok = await confirm({
            title: tc("removeEvidenceTitle", { name: evidence.fileName }),
            message: tc("removeEvidenceText"),
            confirmLabel: tc("removeEvidence"),
          });
          if (ok) onRemove(evidence);
        }}
      >
        {t("remove")}
      </button>
      {dialog}
    </>
  );
}
