import Link from "next/link";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { CurrentUserProvider } from "@/components/auth/current-user";
import { AppHeader } from "@/components/layout/app-header";
import { PageNotice } from "@/components/layout/page-notice";
import { getActor } from "@/lib/auth/session";

/**
 * The signed-in area. Each page checks access itself (requirePageActor with its own path, so a
 * signed-out visitor returns to it after signing in); this layout only draws the shell.
 */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await getActor();
  if (!actor) return children;
  const t = await getTranslations("shell");
  return (
    <>
      <AppHeader actor={actor} />
      {actor.mustChangePassword && (
        <div role="alert" className="bg-red-50 px-4 py-2 text-center text-sm text-red-800">
          {t("mustChangePassword")}{" "}
          <Link href="/account" className="font-medium underline">
            {t("changeNow")}
          </Link>
        </div>
      )}
      <main className="mx-auto max-w-7xl px-4 py-6">
        <Suspense>
          <PageNotice />
        </Suspense>
        <CurrentUserProvider username={actor.username}>{children}</CurrentUserProvider>
      </main>
    </>
  );
}
