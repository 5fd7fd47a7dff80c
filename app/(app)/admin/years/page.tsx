import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { CreateYearForm } from "@/components/programme/years/create-year-form";
import { YearsTable } from "@/components/programme/years/years-table";
import { can } from "@/lib/access";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { loadOrNotFound } from "@/lib/pages";
import { listProgrammeYears } from "@/lib/years/admin";

/**
 * Programme years (创建管理 › 年度): every year with its status, dates and counts; the
 * administrator creates the next year from the newest. The leader reads only.
 */
export default async function YearsPage({
  searchParams,
}: {
  searchParams: Promise<PageSearchParams>;
}) {
  const actor = await requirePageActor("/admin/years", await searchParams);
  const years = await loadOrNotFound(() => listProgrammeYears(actor));
  const t = await getTranslations("programmeYears");
  const newest = years[0]?.year ?? null;
  return (
    <div className="space-y-4">
      <Link href="/admin/programme" className="text-sm text-brand-700 hover:underline">
        {t("back")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-4xl text-sm text-slate-600">{t("intro")}</p>
      <YearsTable years={years} />
      {can(actor, "programme.manage") && newest !== null && newest < 2100 && (
        <CreateYearForm nextYear={newest + 1} fromYear={newest} />
      )}
    </div>
  );
}
