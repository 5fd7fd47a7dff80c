import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { RatedListForm } from "@/components/ratings/rated-list-form";
import { requirePageActor } from "@/lib/auth/session";
import { loadOrNotFound } from "@/lib/pages";
import { proposeRatedTowns } from "@/lib/ratings/panels";
import { getOpenYear } from "@/lib/years/queries";

/**
 * The city administrator confirms which towns are rated in a year (`?year=`, default the open
 * year): the proposed list from the programme's data, ticked; confirming creates the ratings.
 */
export default async function RatedListPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const query = await searchParams;
  const actor = await requirePageActor("/ratings/setup", query);
  const t = await getTranslations("ratings");
  const year = /^\d{4}$/.test(query.year ?? "") ? Number(query.year) : await getOpenYear();
  if (year === null) return <p className="text-sm text-slate-600">{t("noOpenYear")}</p>;
  const candidates = await loadOrNotFound(() => proposeRatedTowns(actor, year));
  return (
    <div className="space-y-4">
      <Link href={`/ratings?year=${year}`} className="text-sm text-brand-700 hover:underline">
        ← {t("title")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("setupTitle", { year })}</h1>
      <p className="text-sm text-slate-600">{t("setupIntro")}</p>
      <RatedListForm key={year} year={year} candidates={candidates} />
    </div>
  );
}
