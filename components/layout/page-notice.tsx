"use client";

import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { NOTICE_PARAM, UNAVAILABLE_NOTICE } from "@/lib/notices";

/**
 * The notice a redirect brought the user here with (`?notice=unavailable`, set by
 * lib/pages.ts leaveUnavailablePage): a polite status line at the top of the page.
 */
export function PageNotice() {
  const notice = useSearchParams().get(NOTICE_PARAM);
  const t = useTranslations("everyday.notice");
  if (notice !== UNAVAILABLE_NOTICE) return null;
  return (
    <p
      role="status"
      className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
    >
      {t("unavailable")}
    </p>
  );
}
