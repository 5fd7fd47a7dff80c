import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { listTasksForActor, taskToJson } from "@/lib/tasks/queries";
import { queryParams } from "@/lib/http/query";

export const dynamic = "force-dynamic";

const query = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

/** GET /api/v1/tasks?year= → the creation tasks in the caller's scope. */
export const GET = apiRoute(async (actor, request) => {
  const params = query.parse(queryParams(new URL(request.url).searchParams));
  const tasks = await listTasksForActor(actor, { year: params.year });
  return { tasks: tasks.map(taskToJson), count: tasks.length };
});
