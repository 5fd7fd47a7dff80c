/**
 * Where proxy.ts sends a cross-site server-action call (lib/http/action-guard.ts): the call is
 * answered 403 with the refusal's body, as before, and recorded in the audit log
 * (lib/audit/refusals.ts: `access.denied`, the actor when the cookie names one, the client
 * address, the page and Origin it targeted; throttled per address and minute). Proxy code does
 * not reach the database, so the refusal is written here. Called directly, a request that is
 * not cross-site is answered 404 and recorded nowhere.
 */
import { getTranslations } from "next-intl/server";
import { recordRefusal } from "@/lib/audit/refusals";
import { clientOf, getActor } from "@/lib/auth/session";
import { sameOrigin } from "@/lib/http/same-origin";
import { CROSS_SITE_PAGE_HEADER } from "@/lib/http/action-guard";

/** Records and refuses one cross-site server-action call (any method the proxy forwards). */
async function refuse(request: Request): Promise<Response> {
  if (sameOrigin(request)) return new Response(null, { status: 404 });
  const t = await getTranslations();
  const actor = await getActor().catch(() => null);
  const page = request.headers.get(CROSS_SITE_PAGE_HEADER)?.slice(0, 300) ?? "?";
  await recordRefusal(actor ?? { id: null, username: null, client: clientOf(request.headers) }, {
    action: "serverAction",
    code: "FORBIDDEN",
    where: `POST ${page}`,
    origin: request.headers.get("origin") || request.headers.get("referer") || "",
  });
  return Response.json(
    { error: { code: "FORBIDDEN", message: t("security.crossSite") } },
    { status: 403, headers: { "Cache-Control": "no-store" } },
  );
}

export const POST = refuse;
