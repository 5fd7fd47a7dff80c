"use server";
/**
 * Server actions of the years page (/admin/years): thin adapters that read the form, call the
 * use case in ./admin.ts and return a translated FormState.
 */
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import {
  actionState,
  errorState,
  formFields,
  formOf,
  type FormState,
} from "@/lib/validation/form-state";
import { closeYear, createNextYear, openYear, setYearPeriods, updateYearSettings } from "./admin";

/** Creates the next year as a copy of the newest, then opens its page. */
export async function createNextYearAction(_prev: FormState, form: FormData): Promise<FormState> {
  let year: number;
  try {
    const fields = formOf(form);
    ({ year } = await createNextYear(await requireActor(), {
      year: fields.get("year") ?? undefined,
      taskDeadlineOn: fields.get("taskDeadlineOn") ?? "",
    }));
  } catch (error) {
    return errorState(error, "year.create");
  }
  redirect(`/admin/years/${year}?created=1`);
}

/** Saves a year's default task deadline. */
export async function updateYearSettingsAction(
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  return actionState("year.update", () => updateYearSettings(actor, formFields(form)));
}

/** Saves a year's periods: the form repeats name, nameEn, startsOn, endsOn, dueOn per period. */
export async function setYearPeriodsAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  return actionState("year.periods", () => {
    const fields = formOf(form);
    const column = (key: string) => fields.getAll(key).map(String);
    const names = column("name");
    const [nameEn, startsOn, endsOn, dueOn] = ["nameEn", "startsOn", "endsOn", "dueOn"].map(column);
    const periods = names.map((name, i) => ({
      name,
      nameEn: nameEn![i] ?? "",
      startsOn: startsOn![i] ?? "",
      endsOn: endsOn![i] ?? "",
      dueOn: dueOn![i] ?? "",
    }));
    return setYearPeriods(actor, { year: fields.get("year"), periods });
  });
}

/** Opens a PLANNING year. */
export async function openYearAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  return actionState("year.open", () => openYear(actor, { year: formOf(form).get("year") }));
}

/** Closes an OPEN year (the confirmation checkbox acknowledges the warnings). */
export async function closeYearAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  return actionState("year.close", () =>
    closeYear(actor, {
      year: formOf(form).get("year"),
      confirmed: formOf(form).get("confirmed") ?? "",
    }),
  );
}
