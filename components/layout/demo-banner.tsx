import { getTranslations } from "next-intl/server";

/** The 演示数据 notice shown on every page while the database holds the demo data set. */
export async function DemoBanner() {
  const t = await getTranslations("demo");
  return (
    <div role="note" className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-900">
      <span className="mr-2 rounded bg-amber-800 px-1.5 py-0.5 text-xs font-semibold text-white">
        {t("badge")}
      </span>
      {t("banner")}
    </div>
  );
}
