"use client";

import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { NOTICE_PARAM, NOTICES, type Notice } from "@/lib/notices";
import { cn } from "@/lib/utils";

/**
 * The notice a redirect or a finished action brought the user here with (`?notice=…`, see
 * lib/notices.ts): a polite status line at the top of the page, amber for a warning (a page
 * that was not open to the user), green for the outcome of the user's own action. Unknown
 * values show nothing.
 */
export function PageNotice() {
  const notice = useSearchParams().get(NOTICE_PARAM);
  const t = useTranslations("everyday.notice");
  if (notice === null || !Object.hasOwn(NOTICES, notice)) return null;
  const tone = NOTICES[notice as Notice];
  return (
    <p
      role="status"
      data-testid="page-notice"
      className={cn(
        "mb-4 rounded-md border px-3 py-2 text-sm",
        tone === "warning"
          ? "border-amber-300 bg-amber-50 text-amber-900"
          : "border-emerald-300 bg-emerald-50 text-emerald-900",
      )}
    >
      {t(notice as Notice)}
    </p>
  );
}
