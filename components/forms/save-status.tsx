"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import type { SaveState } from "./use-versioned-autosave";

/**
 * What an auto-saved form shows about its draft (a live region): saving, saved, the error,
 * or — when someone else saved meanwhile — the conflict message with a reload button.
 */
export function SaveStatus({ state, idleText }: { state: SaveState; idleText: string }) {
  const t = useTranslations("forms");
  const text =
    state.kind === "saving"
      ? t("saving")
      : state.kind === "saved"
        ? t("saved")
        : state.kind === "idle"
          ? idleText
          : state.message;
  return (
    <>
      <span
        data-testid="save-status"
        role="status"
        className={cn(
          "text-sm",
          state.kind === "error" || state.kind === "conflict" ? "text-red-700" : "text-slate-500",
        )}
      >
        {text}
      </span>
      {state.kind === "conflict" && (
        <Button size="sm" variant="secondary" onClick={() => window.location.reload()}>
          {t("reload")}
        </Button>
      )}
    </>
  );
}
