import { getTranslations } from "next-intl/server";

/**
 * The short notice a page of a CLOSED year shows where its edit controls would be (the server
 * refuses changes anyway: lib/years/internal.ts assertYearWritable). Server component.
 */
export async function ClosedYearNotice({ year }: { year: number }) {
  const t = await getTranslations("programmeYears");
  return (
    <p
      role="status"
      data-testid="closed-year-notice"
      className="rounded-md bg-slate-100 p-3 text-sm text-slate-700"
    >
      {t("closedYearNotice", { year })}
    </p>
  );
}
