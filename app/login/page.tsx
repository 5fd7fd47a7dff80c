import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SiteHeader } from "@/components/layout/site-header";
import { Card } from "@/components/ui/card";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { getActor } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("signInTitle") };
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[]; passwordChanged?: string }>;
}) {
  const query = await searchParams;
  const raw = query.callbackUrl;
  const callbackUrl = safeCallbackUrl(Array.isArray(raw) ? raw[0] : raw);
  // Already signed in: go on (a signed-out visit just shows the form, so this never loops).
  if (await getActor()) redirect(callbackUrl);
  const t = await getTranslations("auth");
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-sm px-4 py-12">
        <Card>
          <h1 className="mb-1 text-xl font-semibold">{t("signInTitle")}</h1>
          <p className="mb-6 text-sm text-slate-600">{t("signInLead")}</p>
          {query.passwordChanged === "1" && (
            <p
              role="status"
              className="mb-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800"
            >
              {t("passwordChanged")}
            </p>
          )}
          <SignInForm callbackUrl={callbackUrl} />
        </Card>
      </main>
    </>
  );
}
