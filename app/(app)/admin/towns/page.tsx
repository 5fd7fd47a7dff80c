import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { AddTownForm } from "@/components/programme/towns/town-forms";
import { RegisterTable } from "@/components/programme/towns/register-table";
import { TownImportForm } from "@/components/programme/towns/town-import-form";
import { Card, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/access";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { listCountiesForActor } from "@/lib/counties/queries";
import { leaveUnavailablePage, loadOrNotFound } from "@/lib/pages";
import { listRegister } from "@/lib/towns/queries";

/**
 * The town register (乡镇名册): every town with its attainment today, filters in the URL; the
 * city administrator adds towns and imports or exports the register, the leader reads.
 */
export default async function TownRegisterPage({
  searchParams,
}: {
  searchParams: Promise<PageSearchParams>;
}) {
  const actor = await requirePageActor("/admin/towns", await searchParams);
  if (!can(actor, "programme.view")) return leaveUnavailablePage();
  const [rows, counties] = await loadOrNotFound(() =>
    Promise.all([listRegister(actor), listCountiesForActor(actor)]),
  );
  const t = await getTranslations("townRegister");
  const tp = await getTranslations("programme");
  const manage = can(actor, "town.manage");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-4xl text-sm text-slate-600">{t("intro")}</p>
      {!manage && <p className="text-sm text-slate-500">{t("readOnly")}</p>}
      <RegisterTable
        rows={rows}
        toolbar={
          <a href="/admin/towns/export" className="text-brand-700 hover:underline" download>
            {t("export")}
          </a>
        }
      />
      {manage && (
        <div className="grid gap-4 lg:grid-cols-2">
          <Card>
            <CardTitle>{t("forms.add")}</CardTitle>
            <div className="mt-3">
              <AddTownForm
                counties={counties.map((c) => ({
                  divisionCode: c.divisionCode,
                  name: c.name,
                  nameEn: c.nameEn,
                }))}
              />
            </div>
          </Card>
          <Card>
            <CardTitle>{t("import")}</CardTitle>
            <p className="mt-2 text-sm text-slate-600">{t("importHint")}</p>
            <div className="mt-3">
              <TownImportForm />
            </div>
          </Card>
        </div>
      )}
      <Link href="/admin/programme" className="text-sm text-brand-700 hover:underline">
        ← {tp("title")}
      </Link>
    </div>
  );
}
