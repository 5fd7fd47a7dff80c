import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "./locale-switcher";

/** The top bar: the product's name (home link) and the language switch. */
export async function SiteHeader() {
  const t = await getTranslations("app");
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-14 max-w-6xl items-center justify-between gap-4 px-4">
        <Link href="/" className="flex items-baseline gap-2 font-semibold text-brand-700">
          <span className="text-lg">{t("name")}</span>
          <span className="hidden text-sm font-normal text-slate-500 sm:inline">
            {t("fullName")}
          </span>
        </Link>
        <LocaleSwitcher />
      </div>
    </header>
  );
}
