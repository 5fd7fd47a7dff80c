"use client";

import { useLocale, useTranslations } from "next-intl";
import { lazy, Suspense, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { CalendarDays } from "lucide-react";
import { Field } from "@/components/ui/field";
import { parseCalendarDate } from "@/lib/domain/calendar";
import { cn } from "@/lib/utils";

/** The month grid (react-day-picker and its styles): loaded only when someone opens it. */
const DateCalendar = lazy(() => import("./date-calendar"));

/**
 * The one date control of the app, instead of the browser's `<input type="date">` (whose labels
 * and format follow the browser, not the app's language): a text box that takes the date as
 * 年-月-日 ("2026-12-04"; also "2026/12/4", "2026.12.4", "2026年12月4日", normalised when it loses
 * focus) with a placeholder in the UI language, and a button that opens a month calendar in the
 * UI language (react-day-picker, keyboard-operable: arrows move by day, Enter picks, Escape
 * closes and returns focus to the button).
 *
 * The value is an ISO calendar date "YYYY-MM-DD" (or "" when empty): `onChange` receives it
 * (only once the text is a real date, or emptied); with `name`, a hidden input sends it in a
 * form (the text as typed when it is not a date, so the server's validation answers). Text that
 * is not a date is marked invalid with a hint when the box loses focus.
 */
export function DateInput({
  id,
  name,
  value,
  defaultValue,
  onChange,
  disabled,
  className,
  "aria-invalid": ariaInvalid,
  "aria-describedby": describedBy,
}: {
  id?: string;
  name?: string;
  /** Controlled ISO date ("" for none). */
  value?: string;
  /** Initial ISO date of an uncontrolled field. */
  defaultValue?: string;
  onChange?: (iso: string) => void;
  disabled?: boolean;
  /** Classes of the text box. */
  className?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}) {
  const t = useTranslations("controls.dateField");
  const locale = useLocale();
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const [text, setText] = useState(value ?? defaultValue ?? "");
  const [badText, setBadText] = useState(false);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);

  // A controlled value changed from outside (e.g. cleared after a save): show it.
  const [shown, setShown] = useState(value);
  if (value !== undefined && value !== shown) {
    setShown(value);
    if (value !== (parseCalendarDate(text) ?? "")) setText(value);
  }

  useEffect(() => {
    if (!open) return;
    const close = (event: PointerEvent) => {
      if (!box.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", close);
    return () => document.removeEventListener("pointerdown", close);
  }, [open]);

  const iso = parseCalendarDate(text);
  const type = (next: string) => {
    setText(next);
    setBadText(false);
    const parsed = next.trim() === "" ? "" : parseCalendarDate(next);
    if (parsed !== null) onChange?.(parsed);
  };
  const hintId = `${inputId}-format`;
  const described = [describedBy, badText ? hintId : undefined].filter(Boolean).join(" ");

  return (
    <div ref={box} className="relative">
      <div className="flex items-stretch gap-1">
        <input
          id={inputId}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t("placeholder")}
          maxLength={12}
          disabled={disabled}
          aria-invalid={ariaInvalid || badText}
          aria-describedby={described || undefined}
          className={cn(
            "min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1 aria-[invalid=true]:border-red-500",
            className,
          )}
          value={text}
          onChange={(e) => type(e.target.value)}
          onBlur={() => {
            if (iso !== null && iso !== text) setText(iso);
            setBadText(text.trim() !== "" && iso === null);
          }}
        />
        <button
          ref={button}
          type="button"
          disabled={disabled}
          aria-label={t("open")}
          aria-expanded={open}
          aria-haspopup="dialog"
          className="inline-flex shrink-0 items-center rounded-md border border-slate-300 bg-white px-2 text-slate-700 hover:bg-slate-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 disabled:opacity-50"
          onClick={() => setOpen((o) => !o)}
        >
          <CalendarDays aria-hidden="true" className="h-4 w-4" />
        </button>
      </div>
      {name && <input type="hidden" name={name} value={iso ?? text} />}
      {badText && (
        <p id={hintId} className="mt-1 text-xs text-red-600">
          {t("invalid")}
        </p>
      )}
      {open && (
        <Suspense fallback={null}>
          <DateCalendar
            locale={locale}
            selected={iso ?? undefined}
            onSelect={(picked) => {
              type(picked);
              setOpen(false);
              button.current?.focus();
            }}
            onClose={() => {
              setOpen(false);
              button.current?.focus();
            }}
          />
        </Suspense>
      )}
    </div>
  );
}

/**
 * A labelled DateInput inside a Field (label, hint and error linked as TextField does; the
 * text box's id is `field-<name>`, the ISO date goes in the form under `name`). Uncontrolled
 * with `defaultValue`, or controlled with `value` and `onChange` (ISO dates, "" for none).
 */
export function DateField({
  name,
  label,
  error,
  hint,
  className,
  defaultValue,
  value,
  onChange,
}: {
  name: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  className?: string;
  defaultValue?: string;
  value?: string;
  onChange?: (iso: string) => void;
}) {
  return (
    <Field name={name} label={label} error={error} hint={hint} className={className}>
      {(control) => (
        <DateInput {...control} defaultValue={defaultValue} value={value} onChange={onChange} />
      )}
    </Field>
  );
}
