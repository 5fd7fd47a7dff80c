"use client";

import { useTranslations } from "next-intl";
import { sendFile } from "@/components/upload/send-file";
import type { BrowserFileLimit } from "@/lib/domain/upload";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { FormMessage } from "@/components/ui/field";
import type { FormState } from "@/lib/validation/form-state-shared";
import { FilePicker } from "@/components/ui/file-picker";

/**
 * The scheme's .xlsx round trip: everyone who may read it downloads it; into a DRAFT the city
 * administrator uploads the edited file (sent with the scheme's updatedAt as the page showed
 * it), which replaces the draft's content, bands and settings. A refused file lists each bad row
 * in the user's language.
 */
export function SchemeFile({
  schemeId,
  updatedAt,
  canUpload,
  importLimit,
}: {
  schemeId: number;
  updatedAt: string;
  canUpload: boolean;
  /** The server's limit for imported files (lib/limits.ts), checked before sending. */
  importLimit: BrowserFileLimit;
}) {
  const t = useTranslations("ratingSchemes.file");
  const tr = useTranslations();
  const router = useRouter();
  const [state, setState] = useState<FormState>({ status: "idle" });
  const [rows, setRows] = useState<string[]>([]);
  const [pending, startTransition] = useTransition();

  const upload = (file: File) =>
    startTransition(async () => {
      const form = new FormData();
      form.set("file", file);
      form.set("expectedUpdatedAt", updatedAt);
      const result = await sendFile(
        `/api/rating-schemes/${schemeId}/import`,
        form,
        file,
        importLimit,
        tr,
      );
      if (result.ok) {
        const json = result.data as { categories?: number; items?: number; criteria?: number };
        setRows([]);
        setState({
          status: "ok",
          message: t("uploaded", {
            categories: json.categories ?? 0,
            items: json.items ?? 0,
            criteria: json.criteria ?? 0,
          }),
        });
        router.refresh();
      } else {
        setRows(result.rows);
        setState({ status: "error", message: result.message });
      }
    });

  return (
    <div className="space-y-3 text-sm">
      <p className="text-slate-600">{t("hint")}</p>
      <div className="flex flex-wrap items-center gap-4">
        <a
          href={`/api/rating-schemes/${schemeId}/xlsx`}
          className="font-medium text-brand-700 hover:underline"
        >
          {t("download")}
        </a>
        {canUpload && (
          <FilePicker
            accept=".xlsx"
            label={t("upload")}
            buttonText={t("upload")}
            disabled={pending}
            onFile={upload}
          />
        )}
      </div>
      <FormMessage status={state.status} message={state.message} />
      {rows.length > 0 && (
        <ul
          role="alert"
          className="list-disc rounded-md bg-red-50 py-2 pl-8 pr-3 text-red-700"
          data-testid="import-errors"
        >
          {rows.map((row) => (
            <li key={row}>{row}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
