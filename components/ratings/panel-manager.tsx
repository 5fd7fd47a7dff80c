"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { setPanelistAction } from "@/lib/ratings/actions";
import type { RatingView } from "@/lib/ratings/queries";

/** A reviewer who may be added to a panel. */
export type ReviewerOption = { username: string; displayName: string; county: string };

/**
 * The city's panel management on a rating: remove a panelist who has not submitted, add a
 * reviewer of any county (another county's reviewer is a cross review, 交叉评审). Adding a
 * panelist re-opens the panel's completeness (lib/domain/rating-status.ts).
 */
export function PanelManager({
  view,
  reviewers,
}: {
  view: RatingView;
  reviewers: ReviewerOption[];
}) {
  const t = useTranslations("ratings");
  const router = useRouter();
  const [username, setUsername] = useState("");
  const [message, setMessage] = useState<string>();
  const [pending, start] = useTransition();
  const onPanel = new Set(view.panel.map((p) => p.username));
  const run = (input: { username: string; remove?: boolean }) =>
    start(async () => {
      const result = await setPanelistAction({ ratingId: view.id, ...input });
      if (result.status === "ok") {
        setMessage(undefined);
        setUsername("");
        router.refresh();
      } else setMessage(result.fieldErrors?.username ?? result.message);
    });
  return (
    <div className="space-y-3 text-sm">
      <ul className="space-y-1">
        {view.panel.map((p) => (
          <li key={p.reviewerId} className="flex items-center gap-2">
            <span>{p.reviewerName}</span>
            {p.crossReview && <span className="text-xs text-slate-500">{t("crossReview")}</span>}
            {p.status !== "SUBMITTED" && p.username && (
              <button
                type="button"
                className="text-xs text-red-700 hover:underline"
                disabled={pending}
                onClick={() => run({ username: p.username!, remove: true })}
              >
                {t("removeFromPanel")}
              </button>
            )}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-end gap-2">
        <label className="space-y-1">
          <span className="block text-slate-600">{t("addReviewer")}</span>
          <select
            className="rounded-md border border-slate-300 px-2 py-1.5"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          >
            <option value="">{t("choose")}</option>
            {reviewers
              .filter((r) => !onPanel.has(r.username))
              .map((r) => (
                <option key={r.username} value={r.username}>
                  {r.county} · {r.displayName}
                </option>
              ))}
          </select>
        </label>
        <Button
          size="sm"
          variant="secondary"
          disabled={!username || pending}
          onClick={() => run({ username })}
        >
          {t("add")}
        </Button>
      </div>
      <FormMessage status={message ? "error" : "idle"} message={message} />
    </div>
  );
}
