import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/access";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { leaveUnavailablePage } from "@/lib/pages";

const SECTIONS = [
  { key: "years", href: "/admin/years" },
  { key: "indicators", href: "/admin/indicators" },
  { key: "towns", href: "/admin/towns" },
  { key: "circles", href: "/admin/circles" },
] as const;

/**
 * Programme administration (创建管理): the entry to the year's set-up — years and periods, the
 * indicator catalogue, the town register, belts and circles. City roles (the leader reads only).
 */
export default async function ProgrammePage({
  searchParams,
}: {
  searchParams: Promise<PageSearchParams>;
}) {
  const actor = await requirePageActor("/admin/programme", await searchParams);
  if (!can(actor, "programme.view")) return leaveUnavailablePage();
  const t = await getTranslations("programme");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-4xl text-sm text-slate-600">{t("intro")}</p>
      <ul className="grid gap-3 sm:grid-cols-2">
        {SECTIONS.map((section) => (
          <li key={section.key}>
            <Link
              href={section.href}
              className="block h-full rounded-lg border border-slate-200 bg-white p-4 hover:border-brand-300 hover:bg-brand-50"
            >
              <span className="font-medium text-brand-700">{t(`sections.${section.key}`)}</span>
              <span className="mt-1 block text-sm text-slate-600">
                {t(`sections.${section.key}Hint`)}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
