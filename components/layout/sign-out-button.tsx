"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/**
 * Ends the session and returns to the sign-in page. next-auth's client (~12 kB gzip) is
 * fetched on the click, not with every page (the first-load budget, docs/BENCHMARKS.md).
 */
export function SignOutButton() {
  const t = useTranslations("shell");
  return (
    <Button
      variant="ghost"
      size="sm"
      onClick={async () => {
        const { signOut } = await import("next-auth/react");
        await signOut({ callbackUrl: "/login" });
      }}
    >
      {t("signOut")}
    </Button>
  );
}
