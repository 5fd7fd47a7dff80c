import { apiRoute } from "@/lib/api/route";
import { listPublishedAssessments } from "@/lib/assessments/api";
import { queryParams } from "@/lib/http/query";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/assessments?year= → the published county assessments (the version in force of
 * the year, or of every year), decimals as strings; a county reviewer gets their own county's.
 */
export const GET = apiRoute(async (actor, request) =>
  listPublishedAssessments(actor, queryParams(new URL(request.url).searchParams)),
);
