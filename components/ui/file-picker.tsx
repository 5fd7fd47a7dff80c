"use client";

import { useTranslations } from "next-intl";
import { useId, useRef, useState, type DragEvent } from "react";
import { cn } from "@/lib/utils";

/**
 * A file picker with our own labels in the UI language (选择文件 / 未选择文件) instead of the
 * browser's defaults: a styled button over a visually hidden `<input type="file">`, the chosen
 * file's name beside it, and drag-and-drop onto the control on desktop.
 *
 * Props: `onFile` receives the one chosen (or dropped) file; `accept` is passed to the input;
 * `label` is the input's accessible name (tests set files on it via this label); `id` names the
 * input when something links to it (the report checklist's `field-evidence.<id>`). The input is
 * cleared after each choice so the same file can be chosen again.
 */
export function FilePicker({
  onFile,
  accept,
  label,
  disabled,
  className,
  id: givenId,
}: {
  id?: string;
  onFile: (file: File) => void;
  accept?: string;
  label: string;
  disabled?: boolean;
  className?: string;
}) {
  const t = useTranslations("reportForm.filePicker");
  const generatedId = useId();
  const id = givenId ?? generatedId;
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState<string | null>(null);
  const [over, setOver] = useState(false);

  function take(file: File | undefined) {
    if (!file) return;
    setName(file.name);
    onFile(file);
  }

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setOver(false);
    if (!disabled) take(e.dataTransfer.files?.[0]);
  }

  return (
    <div
      className={cn(
        "flex min-w-0 items-center gap-2 rounded-md border border-dashed border-transparent p-0.5 text-xs",
        over && "border-brand-600 bg-brand-50",
        className,
      )}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <input
        ref={input}
        id={id}
        type="file"
        accept={accept}
        aria-label={label}
        disabled={disabled}
        className="sr-only"
        onChange={(e) => {
          take(e.target.files?.[0]);
          e.target.value = "";
        }}
      />
      <label
        htmlFor={id}
        className={cn(
          "inline-flex h-8 shrink-0 cursor-pointer items-center rounded-md border border-slate-300 bg-white px-3 font-medium text-slate-900 hover:bg-slate-100",
          disabled && "pointer-events-none opacity-50",
        )}
      >
        {t("choose")}
      </label>
      <span className="min-w-0 truncate text-slate-500">{name ?? t("none")}</span>
    </div>
  );
}
