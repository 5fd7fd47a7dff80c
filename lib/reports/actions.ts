"use server";
/**
 * Server actions of the report workflow: thin adapters over ./mutations.ts that return a
 * translated FormState (the draft auto-save is a route handler: app/api/reports/[id]/draft).
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { actionState, errorState, type FormState } from "@/lib/validation/form-state";
import {
  approveReport,
  bulkApproveReports,
  confirmReport,
  openReport,
  returnReport,
  submitReport,
} from "./mutations";

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

/** Approves the reports ticked in the review queue (all or none). */
export async function bulkApproveAction(
  reports: { reportId: number; expectedVersion: number }[],
): Promise<FormState> {
  return actionState("report.bulkApprove", async () =>
    bulkApproveReports(await requireActor(), { reports }),
  );
}

/** City confirmation from the confirmation queue (form fields reportId, expectedVersion). */
export async function confirmReportAction(_prev: FormState, form: FormData): Promise<FormState> {
  return actionState("report.confirm", async () =>
    confirmReport(await requireActor(), {
      reportId: form.get("reportId"),
      expectedVersion: form.get("expectedVersion"),
    }),
  );
}

/** Starts a period's report (form fields townCode, year, periodIndex) and opens it. */
export async function openReportAction(_prev: FormState, form: FormData): Promise<FormState> {
  const input = Object.fromEntries(form.entries());
  try {
    await openReport(await requireActor(), input);
  } catch (error) {
    return errorState(error, "report.create");
  }
  revalidatePath(`/towns/${String(input.townCode)}`, "layout");
  redirect(
    `/towns/${String(input.townCode)}/reports/${String(input.year)}/${String(input.periodIndex)}`,
  );
}
