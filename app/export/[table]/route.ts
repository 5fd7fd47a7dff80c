import { NextResponse } from "next/server";
import { toCsv } from "@/lib/export/csv";
import { buildExport } from "@/lib/export/tables";
import { toXlsx } from "@/lib/export/xlsx";
import { attachment, sessionFile } from "@/lib/http/handlers";
import { queryParams } from "@/lib/http/query";

export const dynamic = "force-dynamic";

/**
 * GET /export/{counties|towns|circles|ratings|audit}?year=&county=&figure=&format=xlsx|csv
 * (signed in, scoped), plus the table's view (q, sort, hide, f.<column>) for towns, model=1 for
 * circles, the audit page's filters for audit. Signed out → sign-in and back; refused → a JSON error body.
 */
export const GET = sessionFile<{ table: string }>(
  "GET /export",
  async (actor, request, { table }) => {
    const query = queryParams(new URL(request.url).searchParams);
    const {
      fileName,
      sheet,
      table: data,
      formats,
      heading,
    } = await buildExport(actor, table, query);
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
    const bytes = await toXlsx(data, sheet, formats, heading);
    return new NextResponse(new Uint8Array(bytes), {
      headers: {
        ...headers,
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": attachment(`${fileName}.xlsx`),
      },
    });
  },
  { signInRedirect: true },
);
