"use client";

import { useTranslations } from "next-intl";
import { DayPicker } from "react-day-picker";
import { enUS, zhCN } from "react-day-picker/locale";
import "react-day-picker/style.css";

/** A calendar date "YYYY-MM-DD" as a local Date of that day (the grid works in local days). */
function dayOf(iso: string): Date {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(y!, m! - 1, d!);
}

/** A local Date picked in the grid as "YYYY-MM-DD". */
function isoOf(day: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/**
 * The month grid behind DateInput (components/ui/date-field.tsx), loaded lazily so pages pay
 * for react-day-picker only when a calendar is opened. Labels, month and weekday names follow
 * the UI locale (zh-CN: 2026年12月, 一 二 三…; en). `selected` and `onSelect` use ISO dates;
 * Escape calls `onClose`. The grid takes the focus when it opens (the selected day, else today).
 */
export default function DateCalendar({
  locale,
  selected,
  onSelect,
  onClose,
}: {
  locale: string;
  selected?: string;
  onSelect: (iso: string) => void;
  onClose: () => void;
}) {
  const t = useTranslations("controls.dateField");
  const day = selected ? dayOf(selected) : undefined;
  return (
    <div
      role="dialog"
      aria-modal="false"
      aria-label={t("calendar")}
      data-testid="date-calendar"
      className="absolute left-0 z-30 mt-1 rounded-md border border-slate-200 bg-white p-2 text-sm shadow-lg"
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <DayPicker
        mode="single"
        locale={locale === "en" ? enUS : zhCN}
        selected={day}
        defaultMonth={day}
        captionLayout="dropdown"
        startMonth={new Date(2000, 0)}
        endMonth={new Date(2040, 11)}
        autoFocus
        onSelect={(picked) => picked && onSelect(isoOf(picked))}
      />
    </div>
  );
}
