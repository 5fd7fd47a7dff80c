"use client";

import { useTranslations } from "next-intl";
import { useId, useRef, useState, type DragEvent } from "react";
import { cn } from "@/lib/utils";

/**
 * The one file picker of the app, with our own labels in the UI language (选择文件 / 未选择文件)
 * instead of the browser's defaults: a styled button over a visually hidden `<input type="file">`
 * (which keeps the keyboard focus — Tab reaches it, Enter or Space opens the chooser, and the
 * button shows the focus ring), the chosen file's name beside it, and on desktop (≥ md) a
 * dashed drop zone saying files may be dropped onto it (on a phone the zone is just the button).
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
  testId,
  buttonText,
}: {
  /** The button's text when "选择文件" says too little (e.g. "导入 Excel"). */
  buttonText?: string;
  id?: string;
  /** `data-testid` of the input (tests set files on it). */
  testId?: string;
  onFile: (file: File) => void;
  accept?: string;
  label: string;
  disabled?: boolean;
  className?: string;
}) {
  const t = useTranslations("controls.filePicker");
  const generatedId = useId();
  const id = givenId ?? generatedId;
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [over, setOver] = useState(false);

  function take(file: File | undefined) {
    if (!file) return;
    setChosen(file.name);
    onFile(file);
  }

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setOver(false);
    if (!disabled) take(e.dataTransfer.files?.[0]);
  }

  return (
    <div
      data-testid="file-picker"
      data-drag-over={over || undefined}
      className={cn(
        "flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 rounded-md border border-dashed border-transparent p-0.5 text-xs md:border-slate-300 md:p-1.5",
        over && "border-brand-600 bg-brand-50 md:border-brand-600",
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
        data-testid={testId}
        type="file"
        accept={accept}
        aria-label={label}
        disabled={disabled}
        className="peer sr-only"
        onChange={(e) => {
          take(e.target.files?.[0]);
          e.target.value = "";
        }}
      />
      <label
        htmlFor={id}
        className={cn(
          "inline-flex h-8 shrink-0 cursor-pointer items-center rounded-md border border-slate-300 bg-white px-3 font-medium text-slate-900 hover:bg-slate-100 peer-focus-visible:ring-2 peer-focus-visible:ring-brand-600 peer-focus-visible:ring-offset-1",
          disabled && "pointer-events-none opacity-50",
        )}
      >
        {buttonText ?? t("choose")}
      </label>
      <span className="min-w-0 truncate text-slate-500">{chosen ?? t("none")}</span>
      <span aria-hidden="true" className="hidden text-slate-500 md:inline">
        {t("drop")}
      </span>
    </div>
  );
}
