"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** Opens the browser's print dialog (the dashboard has a print layout). */
export function PrintButton() {
  const t = useTranslations("dashboard");
  return (
    <Button variant="secondary" size="sm" className="print:hidden" onClick={() => window.print()}>
      {t("print")}
    </Button>
  );
}
