"use server";
/**
 * Server actions of star ratings: thin adapters over the use cases that return a translated
 * FormState (the sheets' and self-assessments' auto-saves are route handlers under
 * app/api/ratings/[id]/).
 */
import { requireActor } from "@/lib/auth/session";
import { actionState, formOf, type FormState } from "@/lib/validation/form-state";
import { decideRating } from "./decisions";
import { createRatings, setPanelist } from "./panels";
import { linkSelfEvidence, removeSelfEvidence, submitSelfAssessment } from "./self-assessment";
import { submitSheet } from "./sheets";

/** Submits the reviewer's own sheet at the version last saved. */
export async function submitSheetAction(input: {
  ratingId: number;
  expectedVersion: number;
}): Promise<FormState> {
  return actionState("rating.sheetSubmit", async () => submitSheet(await requireActor(), input));
}

/** Submits the town's self-assessment at the version last saved. */
export async function submitSelfAction(input: {
  ratingId: number;
  expectedVersion: number;
}): Promise<FormState> {
  return actionState("rating.selfSubmit", async () =>
    submitSelfAssessment(await requireActor(), input),
  );
}

/** Links or unlinks a report evidence file to a self-assessment item. */
export async function linkSelfEvidenceAction(input: {
  ratingId: number;
  itemId: number;
  evidenceId: number;
  linked: boolean;
}): Promise<FormState> {
  return actionState("rating.selfEvidence", async () =>
    linkSelfEvidence(await requireActor(), input),
  );
}

/** Removes a file uploaded to the town's draft self-assessment. */
export async function removeSelfEvidenceAction(evidenceId: number): Promise<FormState> {
  return actionState("evidence.delete", async () =>
    removeSelfEvidence(await requireActor(), evidenceId),
  );
}

/** The city's decision (form fields ratingId, expectedVersion, decision, comment). */
export async function decideRatingAction(_prev: FormState, form: FormData): Promise<FormState> {
  return actionState("rating.decide", async () => {
    const fields = formOf(form);
    return decideRating(await requireActor(), {
      ratingId: fields.get("ratingId"),
      expectedVersion: fields.get("expectedVersion"),
      decision: fields.get("decision"),
      comment: fields.get("comment") ?? undefined,
    });
  });
}

/** Adds a reviewer to a rating's panel, or removes one. */
export async function setPanelistAction(input: {
  ratingId: number;
  username: string;
  remove?: boolean;
}): Promise<FormState> {
  return actionState("rating.panel", async () => setPanelist(await requireActor(), input));
}

/** Confirms the rated list of a year (the towns ticked). */
export async function createRatingsAction(input: {
  year: number;
  townCodes: string[];
}): Promise<FormState> {
  return actionState("rating.create", async () => createRatings(await requireActor(), input));
}
