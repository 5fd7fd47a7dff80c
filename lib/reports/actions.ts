"use server";
/**
 * Server actions of the report workflow: thin adapters over ./mutations.ts that return a
 * translated FormState (the draft auto-save is a route handler: app/api/reports/[id]/draft).
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import {
  actionState,
  errorState,
  formFields,
  formOf,
  type FormState,
} from "@/lib/validation/form-state";
import {
  approveReport,
  bulkApproveReports,
  bulkConfirmReports,
  confirmReport,
  openReport,
  returnReport,
  returnToCounty,
  submitReport,
  type BulkResult,
  type BulkSkipReason,
} from "./mutations";

/**
 * Runs a bulk action and says what it did in the user's language, e.g. "3 approved; 1 skipped:
 * already approved" (skips grouped by reason).
 */
async function bulkState(
  kind: "approve" | "confirm",
  run: () => Promise<BulkResult>,
): Promise<FormState> {
  let result: BulkResult;
  try {
    result = await run();
  } catch (error) {
    return errorState(error, kind === "approve" ? "report.bulkApprove" : "report.bulkConfirm");
  }
  revalidatePath("/", "layout");
  const t = await getTranslations("reviewFlow.bulk");
  const counts = new Map<BulkSkipReason, number>();
  for (const { reason } of result.skipped) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const parts = [
    t(kind === "approve" ? "approved" : "confirmed", { count: result.done.length }),
    ...[...counts].map(([reason, count]) =>
      t("skipped", { count, reason: t(`${kind}.${reason}`) }),
    ),
  ];
  return { status: "ok", message: parts.join(t("separator")) };
}

/** Submits (or resubmits) a report at the version the form last saved. */
export async function submitReportAction(input: {
  reportId: number;
  expectedVersion: number;
}): Promise<FormState> {
  return actionState("report.submit", async () => submitReport(await requireActor(), input));
}

/** County approval from the review screen. */
export async function approveReportAction(input: {
  reportId: number;
  expectedVersion: number;
  comment?: string;
}): Promise<FormState> {
  return actionState("report.approve", async () => approveReport(await requireActor(), input));
}

/** County return with per-item comments from the review screen. */
export async function returnReportAction(input: {
  reportId: number;
  expectedVersion: number;
  comment?: string;
  items: { indicatorId?: number; projectId?: number; comment: string }[];
}): Promise<FormState> {
  return actionState("report.return", async () => returnReport(await requireActor(), input));
}

/** Approves the reports ticked in the review queue; the message says what was done and skipped. */
export async function bulkApproveAction(
  reports: { reportId: number; expectedVersion: number }[],
): Promise<FormState> {
  return bulkState("approve", async () => bulkApproveReports(await requireActor(), { reports }));
}

/** Confirms the reports ticked in the city's queue; the message says what was done and skipped. */
export async function bulkConfirmAction(
  reports: { reportId: number; expectedVersion: number }[],
): Promise<FormState> {
  return bulkState("confirm", async () => bulkConfirmReports(await requireActor(), { reports }));
}

/** The city returns a county-approved report to the county with a comment. */
export async function returnToCountyAction(input: {
  reportId: number;
  expectedVersion: number;
  comment: string;
}): Promise<FormState> {
  return actionState("report.returnToCounty", async () =>
    returnToCounty(await requireActor(), input),
  );
}

/** City confirmation from the confirmation queue (form fields reportId, expectedVersion). */
export async function confirmReportAction(_prev: FormState, form: FormData): Promise<FormState> {
  return actionState("report.confirm", async () =>
    confirmReport(await requireActor(), {
      reportId: formOf(form).get("reportId"),
      expectedVersion: formOf(form).get("expectedVersion"),
    }),
  );
}

/** Starts a period's report (form fields townCode, year, periodIndex) and opens it. */
export async function openReportAction(_prev: FormState, form: FormData): Promise<FormState> {
  let input: Record<string, FormDataEntryValue>;
  try {
    input = formFields(form);
    await openReport(await requireActor(), input);
  } catch (error) {
    return errorState(error, "report.create");
  }
  revalidatePath(`/towns/${String(input.townCode)}`, "layout");
  redirect(
    `/towns/${String(input.townCode)}/reports/${String(input.year)}/${String(input.periodIndex)}`,
  );
}
