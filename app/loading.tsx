import { getTranslations } from "next-intl/server";

export default async function Loading() {
  const t = await getTranslations("common");
  return <p className="mx-auto max-w-6xl px-4 py-10 text-slate-500">{t("loading")}</p>;
}
