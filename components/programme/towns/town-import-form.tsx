"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { FormMessage } from "@/components/ui/field";
import { FilePicker } from "@/components/ui/file-picker";

/**
 * Uploads a register file (.xlsx) to /admin/towns/import; shows the counts, or the file's
 * errors one per row in the user's language (nothing is imported then).
 */
export function TownImportForm() {
  const t = useTranslations("townRegister");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [state, setState] = useState<{ status: "idle" | "ok" | "error"; message?: string }>({
    status: "idle",
  });
  const [rows, setRows] = useState<string[]>([]);
  const upload = (file: File) =>
    startTransition(async () => {
      const form = new FormData();
      form.set("file", file);
      const response = await fetch("/admin/towns/import", { method: "POST", body: form });
      const json = (await response.json()) as {
        created?: number;
        updated?: number;
        error?: { message: string; rows?: string[] };
      };
      if (response.ok) {
        setRows([]);
        setState({
          status: "ok",
          message: t("imported", { created: json.created ?? 0, updated: json.updated ?? 0 }),
        });
        router.refresh();
      } else {
        setRows(json.error?.rows ?? []);
        setState({ status: "error", message: json.error?.message ?? "" });
      }
    });
  return (
    <div className="space-y-2 text-sm">
      <FilePicker
        accept=".xlsx"
        label={t("import")}
        disabled={pending}
        testId="town-import-file"
        onFile={upload}
      />
      <FormMessage status={state.status} message={state.message} />
      {rows.length > 0 && (
        <ul className="list-inside list-disc text-red-700">
          {rows.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
