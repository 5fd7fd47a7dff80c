"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** Opens the browser's print dialog for the page (hidden when printing). */
export function PrintButton() {
  const t = useTranslations("ratings");
  return (
    <Button size="sm" variant="secondary" onClick={() => window.print()}>
      {t("printNow")}
    </Button>
  );
}
