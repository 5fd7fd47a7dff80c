import { apiRoute } from "@/lib/api/route";
import { yearCountyQuery } from "@/lib/validation/api-query";
import { listRatingYears, listRatings } from "@/lib/ratings/queries";
import { queryParams } from "@/lib/http/query";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/ratings?year=&county= → the star ratings of a year in the caller's scope (default:
 * the newest year with ratings): status, progress, flags, and total (decimal string) and stars
 * where the caller may see them (blind panels and unapproved results stay null).
 */
export const GET = apiRoute(async (actor, request) => {
  const params = yearCountyQuery.parse(queryParams(new URL(request.url).searchParams));
  const year = params.year ?? (await listRatingYears(actor))[0];
  const rows = year === undefined ? [] : await listRatings(actor, year, params.county);
  return {
    year: year ?? null,
    count: rows.length,
    ratings: rows.map((r) => ({
      town: { code: r.townCode, name: r.townName, nameEn: r.townNameEn },
      county: { code: r.countyCode, name: r.countyName, nameEn: r.countyNameEn },
      status: r.status,
      total: r.total,
      stars: r.stars,
      panelSize: r.panelSize,
      sheetsSubmitted: r.sheetsSubmitted,
      selfAssessmentSubmitted: r.selfSubmitted,
      flags: { spreadItems: r.spreadItems, deviatingReviewers: r.deviatingReviewers },
      mySheet: r.mySheet,
    })),
  };
});
