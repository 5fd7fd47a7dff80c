import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { toCsv } from "@/lib/export/csv";
import { buildExport, exportQuery } from "@/lib/export/tables";
import { toXlsx } from "@/lib/export/xlsx";

export const dynamic = "force-dynamic";

const tables = new Set(["counties", "towns", "circles"]);

/** RFC 6266/5987 attachment header that keeps non-ASCII file names. */
function attachment(fileName: string): string {
  return `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** GET /export/{counties|towns|circles}?year=&county=&figure=&format=xlsx|csv (signed in, scoped). */
export async function GET(request: Request, { params }: { params: Promise<{ table: string }> }) {
  const { table } = await params;
  const actor = await getActor();
  if (!actor) {
    const url = new URL(request.url);
    const back = encodeURIComponent(`${url.pathname}${url.search}`);
    return NextResponse.redirect(new URL(`/login?callbackUrl=${back}`, request.url), 303);
  }
  const query = Object.fromEntries(new URL(request.url).searchParams);
  if (!tables.has(table) || !exportQuery.safeParse(query).success)
    return new NextResponse(null, { status: 404 });
  try {
    const { fileName, sheet, table: data, formats } = await buildExport(actor, table, query);
    const headers = { "Cache-Control": "no-store" };
    if (query.format === "csv") {
      return new NextResponse(toCsv(data), {
        headers: {
          ...headers,
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": attachment(`${fileName}.csv`),
        },
      });
    }
    const bytes = await toXlsx(data, sheet, formats);
    return new NextResponse(new Uint8Array(bytes), {
      headers: {
        ...headers,
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": attachment(`${fileName}.xlsx`),
      },
    });
  } catch (error) {
    if (isAppError(error, "NOT_FOUND") || isAppError(error, "FORBIDDEN"))
      return new NextResponse(null, { status: 404 });
    throw error;
  }
}
