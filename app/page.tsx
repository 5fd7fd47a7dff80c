import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/layout/site-header";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { landingPath } from "@/lib/access";
import { getActor } from "@/lib/auth/session";

export default async function HomePage() {
  // Signed-in users go straight to their own page (the "landing by role").
  const actor = await getActor();
  if (actor) {
    redirect(
      landingPath(actor, {
        countyCode: actor.county?.divisionCode,
        townCode: actor.town?.divisionCode,
      }),
    );
  }
  const t = await getTranslations("home");
  const audiences = [
    ["forTownship", "forTownshipText"],
    ["forCounty", "forCountyText"],
    ["forCity", "forCityText"],
  ] as const;
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-6xl px-4 py-10">
        <h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{t("title")}</h1>
        <p className="mt-3 max-w-3xl text-slate-600">{t("lead")}</p>
        <Button asChild size="lg" className="mt-6">
          <Link href="/login">{t("signIn")}</Link>
        </Button>
        <div className="mt-10 grid gap-4 sm:grid-cols-3">
          {audiences.map(([title, text]) => (
            <Card key={title}>
              <CardTitle>{t(title)}</CardTitle>
              <p className="mt-2 text-sm text-slate-600">{t(text)}</p>
            </Card>
          ))}
        </div>
      </main>
    </>
  );
}
