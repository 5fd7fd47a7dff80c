import { getLocale } from "next-intl/server";
import { contentDisposition } from "@/lib/domain/evidence-file";
import { sessionFile } from "@/lib/http/handlers";
import { exportRegister } from "@/lib/towns/transfer";

export const dynamic = "force-dynamic";

/**
 * GET /admin/towns/export: the town register (.xlsx: towns, events) in the caller's language;
 * city roles (the leader too). Signed out → sign-in and back.
 */
export const GET = sessionFile(
  "town.export",
  async (actor) => {
    const en = (await getLocale()) === "en";
    const bytes = await exportRegister(actor, en);
    return new Response(new Uint8Array(bytes), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": contentDisposition(en ? "town-register.xlsx" : "乡镇名册.xlsx"),
        "Cache-Control": "private, no-store",
      },
    });
  },
  { signInRedirect: true },
);
