import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { TaskEditor } from "@/components/tasks/task-editor";
import { requirePageActor } from "@/lib/auth/session";
import { loadOrNotFound } from "@/lib/pages";
import { getTaskDetail } from "@/lib/tasks/queries";

/** A town's task of a year for city administrators: its projects and indicator targets. */
export default async function TaskPage({
  params,
}: {
  params: Promise<{ year: string; townCode: string }>;
}) {
  const { year, townCode } = await params;
  const actor = await requirePageActor(`/admin/tasks/${year}/${townCode}`);
  const task = await loadOrNotFound(() => getTaskDetail(actor, Number(year), townCode));
  const t = await getTranslations("tasks");
  return (
    <div className="space-y-4">
      <Link href={`/admin/tasks?year=${task.year}`} className="text-sm text-brand-700 underline">
        {t("back")}
      </Link>
      <h1 className="text-2xl font-semibold">
        {t("taskTitle", { year: task.year, town: task.townName })}
      </h1>
      <TaskEditor task={task} />
    </div>
  );
}
