import Link from "next/link";
import { getTranslations } from "next-intl/server";

/**
 * The not-found message, in the element `as` (`main` where no layout draws one, `div` inside
 * the signed-in shell, whose layout already holds the page's one `<main>`).
 */
export async function NotFoundContent({ as: Element }: { as: "main" | "div" }) {
  const t = await getTranslations("errors");
  return (
    <Element className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="mt-2 text-slate-600">{t("notFoundText")}</p>
      <Link href="/" className="mt-6 inline-block text-brand-700 underline">
        {t("backHome")}
      </Link>
    </Element>
  );
}
