import { getTranslations } from "next-intl/server";
import { ConfirmationQueue } from "@/components/reports/confirmation-queue";
import { authorize, can } from "@/lib/access";
import { requirePageActor } from "@/lib/auth/session";
import { loadOrNotFound } from "@/lib/pages";
import { listConfirmationQueue } from "@/lib/reports/queries";
import { getOpenYear } from "@/lib/years/queries";

/**
 * The city administrator's confirmation queue of the open year (issue 13, item 8): reports the
 * counties approved, confirmed or returned to the county, with filters, bulk confirmation,
 * return to the county and each report's history (components/reports/confirmation-queue.tsx).
 * The city leader reads the same queue without the buttons (`confirmation.view`).
 */
export default async function ConfirmationsPage() {
  const actor = await requirePageActor("/admin/confirmations");
  const year = await getOpenYear();
  const rows = await loadOrNotFound(async () => {
    authorize(actor, "confirmation.view");
    return year === null ? [] : listConfirmationQueue(actor, year);
  });
  const t = await getTranslations("reviewFlow.confirm");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">
        {year === null ? t("noYear") : t("title", { year })}
      </h1>
      <ConfirmationQueue rows={rows} canConfirm={can(actor, "report.confirm")} />
    </div>
  );
}
