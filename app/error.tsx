"use client";

import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};
const readRequestId = () =>
  document.querySelector<HTMLMetaElement>('meta[name="request-id"]')?.content ?? null;
import { Button } from "@/components/ui/button";

/**
 * The error page of a page that failed: a retry button and the references to quote to the
 * city's office — the request id of the page load (from the `request-id` meta tag that
 * app/layout.tsx writes) and Next's error digest, both also in the server's log.
 */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useTranslations("errors");
  const requestId = useSyncExternalStore(noSubscription, readRequestId, () => null);
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">{t("errorTitle")}</h1>
      <p className="mt-2 text-slate-600">{t("errorText")}</p>
      {(requestId || error.digest) && (
        <p className="mt-3 font-mono text-xs text-slate-500">
          {t("errorReference")}: {[requestId, error.digest].filter(Boolean).join(" · ")}
        </p>
      )}
      <Button className="mt-6" onClick={reset}>
        {t("retry")}
      </Button>
    </main>
  );
}
