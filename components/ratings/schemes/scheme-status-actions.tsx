"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import type { SchemeDetail } from "@/lib/ratings/schemes";
import {
  activateSchemeAction,
  deleteDraftSchemeAction,
  retireSchemeAction,
} from "@/lib/ratings/scheme-actions";
import type { FormState } from "@/lib/validation/form-state-shared";
import { ProblemList } from "./problem-list";

type Step = "activate" | "retire" | "delete";

/**
 * The city administrator's status changes of a scheme, each confirmed first in words that say
 * what follows: a DRAFT is activated (the active version retires; ratings not yet started move
 * to it, the others stay on theirs) or deleted; the ACTIVE scheme is retired. A refused
 * activation lists the scheme's problems.
 */
export function SchemeStatusActions({ scheme }: { scheme: SchemeDetail }) {
  const t = useTranslations("ratingSchemes.actions");
  const router = useRouter();
  const [asking, setAsking] = useState<Step | null>(null);
  const [state, setState] = useState<FormState>({ status: "idle" });
  const [pending, startTransition] = useTransition();
  const input = { schemeId: scheme.id, expectedUpdatedAt: scheme.updatedAt };

  const run = (step: Step) =>
    startTransition(async () => {
      const action = {
        activate: activateSchemeAction,
        retire: retireSchemeAction,
        delete: deleteDraftSchemeAction,
      }[step];
      const result = await action(input);
      setAsking(null);
      if (result.status !== "ok") {
        setState(result);
        return;
      }
      setState({
        status: "ok",
        message:
          step === "activate"
            ? t("activated", {
                moved: result.data?.moved ?? "0",
                stayed: result.data?.stayed ?? "0",
              })
            : t("retired"),
      });
      router.refresh();
    });

  const question = (step: Step) => {
    const a = scheme.activation;
    switch (step) {
      case "activate":
        return [
          t("activateConfirm", { version: scheme.version }),
          a?.replaces && t("activateReplaces", { version: a.replaces.version }),
          a && t("activateMoves", { moving: a.moving, staying: a.staying }),
        ];
      case "retire":
        return [t("retireConfirm", { version: scheme.version, ratings: scheme.ratings })];
      case "delete":
        return [t("deleteConfirm", { version: scheme.version })];
    }
  };
  const steps: Step[] =
    scheme.status === "DRAFT"
      ? ["activate", "delete"]
      : scheme.status === "ACTIVE"
        ? ["retire"]
        : [];
  if (steps.length === 0 && state.status === "idle") return null;
  return (
    <div className="space-y-3">
      {asking === null ? (
        <div className="flex flex-wrap gap-2">
          {steps.map((step) => (
            <Button
              key={step}
              variant={step === "activate" ? "primary" : step === "delete" ? "danger" : "secondary"}
              disabled={pending || (step === "activate" && scheme.problems.length > 0)}
              onClick={() => {
                setState({ status: "idle" });
                setAsking(step);
              }}
            >
              {t(step)}
            </Button>
          ))}
        </div>
      ) : (
        <div
          role="alertdialog"
          aria-labelledby="scheme-confirm-question"
          className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
        >
          <div id="scheme-confirm-question" className="space-y-1">
            {question(asking)
              .filter(Boolean)
              .map((line) => (
                <p key={String(line)}>{line}</p>
              ))}
          </div>
          <div className="flex gap-2">
            <Button
              size="sm"
              variant={asking === "delete" ? "danger" : "primary"}
              disabled={pending}
              autoFocus
              onClick={() => run(asking)}
            >
              {t("confirm")}
            </Button>
            <Button
              size="sm"
              variant="secondary"
              disabled={pending}
              onClick={() => setAsking(null)}
            >
              {t("cancel")}
            </Button>
          </div>
        </div>
      )}
      <FormMessage status={state.status} message={state.message} />
      {state.fieldErrors && (
        <ProblemList
          problems={Object.entries(state.fieldErrors).map(([field, message]) => ({
            field,
            message,
          }))}
        />
      )}
    </div>
  );
}
