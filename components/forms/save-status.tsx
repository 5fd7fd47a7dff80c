"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import dynamic from "next/dynamic";
import type { SaveState } from "./use-versioned-autosave";

// Only after a save was refused as signed out: the dialog and next-auth's client (≈ 12 kB gzip)
// load then, not with every form (issue 15, part 4: first-load JavaScript).
const SessionExpiredDialog = dynamic(
  () => import("./session-expired-dialog").then((m) => m.SessionExpiredDialog),
  { ssr: false },
);

/**
 * What an auto-saved form shows about its draft (a live region): saving, saved, the error,
 * "retrying in N s", signed out, or — when someone else saved meanwhile — the conflict message,
 * with a reload button unless the form shows both versions to choose from.
 */
export function SaveStatus({
  state,
  idleText,
  onSignedIn,
}: {
  state: SaveState;
  idleText: string;
  /** Retries the save once signed in again; with it, signed out opens SessionExpiredDialog. */
  onSignedIn?: () => unknown;
}) {
  const t = useTranslations("forms");
  const tr = useTranslations("saveRecovery");
  const text =
    state.kind === "saving"
      ? t("saving")
      : state.kind === "saved"
        ? t("saved")
        : state.kind === "idle"
          ? idleText
          : state.kind === "retrying"
            ? tr("retrying", { seconds: state.seconds })
            : state.kind === "signedOut"
              ? tr("signedOut")
              : state.message;
  const failed = state.kind === "error" || state.kind === "conflict" || state.kind === "signedOut";
  return (
    <>
      <span
        data-testid="save-status"
        role="status"
        className={cn(
          "text-sm",
          failed ? "text-red-700" : state.kind === "retrying" ? "text-amber-800" : "text-slate-500",
        )}
      >
        {text}
      </span>
      {state.kind === "signedOut" && onSignedIn && <SessionExpiredDialog onSignedIn={onSignedIn} />}
      {state.kind === "conflict" && !state.resolvable && (
        <Button size="sm" variant="secondary" onClick={() => window.location.reload()}>
          {t("reload")}
        </Button>
      )}
    </>
  );
}
