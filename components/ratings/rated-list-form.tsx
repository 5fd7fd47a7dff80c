"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { createRatingsAction } from "@/lib/ratings/actions";
import type { RatedCandidate } from "@/lib/ratings/panels";

/**
 * The administrator confirms a year's rated list: the proposed towns (provincial samples on
 * the year's figure date, and towns whose task aims at the sample or its renewal — the rule
 * lives in lib/ratings/panels.ts) ticked by default, already rated ones shown as such.
 * Confirming creates the ratings on the year's active scheme with each county's reviewers.
 */
export function RatedListForm({
  year,
  candidates,
}: {
  year: number;
  candidates: RatedCandidate[];
}) {
  const t = useTranslations("ratings");
  const te = useTranslations("enums");
  const en = useLocale() === "en";
  const router = useRouter();
  const open = candidates.filter((c) => !c.rated);
  const [chosen, setChosen] = useState(() => new Set(open.map((c) => c.townCode)));
  const [state, setState] = useState<{ status: "idle" | "ok" | "error"; message?: string }>({
    status: "idle",
  });
  const [pending, start] = useTransition();
  const confirm = () =>
    start(async () => {
      const result = await createRatingsAction({ year, townCodes: [...chosen] });
      if (result.status === "ok") {
        setState({ status: "ok", message: t("ratedListCreated", { count: chosen.size }) });
        router.refresh();
      } else
        setState({ status: "error", message: result.fieldErrors?.townCodes ?? result.message });
    });
  return (
    <div className="space-y-3">
      <div className="overflow-x-auto">
        <table className="w-full min-w-[32rem] text-sm" data-testid="rated-candidates">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="py-1 pr-2">{t("rate")}</th>
              <th className="px-2">{t("town")}</th>
              <th className="px-2">{t("county")}</th>
              <th className="px-2">{t("why")}</th>
            </tr>
          </thead>
          <tbody>
            {candidates.map((c) => (
              <tr key={c.townCode} className="border-t border-slate-100">
                <td className="py-1.5 pr-2">
                  {c.rated ? (
                    <span className="text-xs text-slate-500">{t("alreadyRated")}</span>
                  ) : (
                    <input
                      type="checkbox"
                      aria-label={t("rateNamed", { name: c.townName })}
                      checked={chosen.has(c.townCode)}
                      onChange={(e) =>
                        setChosen((current) => {
                          const next = new Set(current);
                          if (e.target.checked) next.add(c.townCode);
                          else next.delete(c.townCode);
                          return next;
                        })
                      }
                    />
                  )}
                </td>
                <td className="px-2">{(en && c.townNameEn) || c.townName}</td>
                <td className="px-2">{en ? c.countyNameEn : c.countyName}</td>
                <td className="px-2 text-slate-600">
                  {[c.holdsSample && t("holdsSample"), c.target && te(`CreationTarget.${c.target}`)]
                    .filter(Boolean)
                    .join(" · ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={confirm} disabled={pending || chosen.size === 0}>
          {t("confirmRatedList", { count: chosen.size })}
        </Button>
        <FormMessage status={state.status} message={state.message} />
      </div>
    </div>
  );
}
