"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage, TextField } from "@/components/ui/field";
import {
  createTownAction,
  mergeTownAction,
  recodeTownAction,
  renameTownAction,
  titleEventAction,
  updateTownAction,
} from "@/lib/towns/actions";
import { idleState, type FormState } from "@/lib/validation/form-state-shared";
import { TOWN_KINDS, TOWN_TYPES } from "@/lib/validation/town";
import { DateField } from "@/components/ui/date-field";

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

/** A town as the edit forms need it: its code and the version they send back. */
export type EditedTown = {
  divisionCode: string;
  updatedAt: string;
  name: string;
  nameEn: string | null;
  townType: string;
  isCountySeat: boolean;
  sourceNote: string | null;
};

/** One register form: its action's state, field errors and a submit button. */
function RegisterForm({
  action,
  submit,
  testId,
  children,
}: {
  action: Action;
  submit: string;
  testId: string;
  children: (errors: Record<string, string>) => React.ReactNode;
}) {
  const t = useTranslations("townRegister.forms");
  const [state, formAction, pending] = useActionState(action, idleState);
  const [, startTransition] = useTransition();
  const form = useRef<HTMLFormElement>(null);
  // Cleared once recorded; kept as typed when refused (React would reset it either way when
  // the action runs through the form's `action`, which remains for use without scripts).
  useEffect(() => {
    if (state.status === "ok") form.current?.reset();
  }, [state]);
  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => formAction(data));
      }}
      className="space-y-3"
      noValidate
      data-testid={testId}
    >
      {children(state.fieldErrors ?? {})}
      <FormMessage
        status={state.status}
        message={state.status === "ok" ? t("saved") : state.message}
      />
      <Button type="submit" disabled={pending}>
        {submit}
      </Button>
    </form>
  );
}

/** The date, document (文号) and note every dated register event needs. */
function EventFields({ errors }: { errors: Record<string, string> }) {
  const t = useTranslations("townRegister");
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <DateField name="effectiveOn" label={t("effectiveOn")} error={errors.effectiveOn} />
      <TextField
        name="document"
        label={t("document")}
        hint={t("forms.documentHint")}
        error={errors.document}
      />
      <TextField name="note" label={t("note")} error={errors.note} className="sm:col-span-2" />
    </div>
  );
}

/** Hidden fields naming the edited town and the version loaded (optimistic concurrency). */
function Version({ town }: { town: EditedTown }) {
  return (
    <>
      <input type="hidden" name="townCode" value={town.divisionCode} />
      <input type="hidden" name="expectedUpdatedAt" value={town.updatedAt} />
    </>
  );
}

/**
 * A dated event of one town (rename, recode, merge): the register form keyed by the version
 * loaded, the town's hidden fields, the event's own fields, then date, document and note.
 */
function TownEventForm({
  town,
  action,
  submit,
  testId,
  children,
}: {
  town: EditedTown;
  action: Action;
  submit: string;
  testId: string;
  children: (errors: Record<string, string>) => React.ReactNode;
}) {
  return (
    <RegisterForm key={town.updatedAt} action={action} submit={submit} testId={testId}>
      {(errors) => (
        <>
          <Version town={town} />
          {children(errors)}
          <EventFields errors={errors} />
        </>
      )}
    </RegisterForm>
  );
}

/** A county or town to pick: its code and names (a town's English name may be missing). */
type Division = { divisionCode: string; name: string; nameEn?: string | null };

/**
 * A select of divisions (counties or towns) by code, "name (code)" in the page's language (a
 * town without an English name keeps its Chinese one), none chosen at first.
 */
function DivisionField({
  name,
  label,
  hint,
  options,
  error,
}: {
  name: string;
  label: string;
  hint?: string;
  options: Division[];
  error?: string;
}) {
  const t = useTranslations("townRegister.forms");
  const en = useLocale() === "en";
  return (
    <Field name={name} label={label} hint={hint} error={error}>
      {(control) => (
        <select {...control} defaultValue="">
          <option value="">{t("choose")}</option>
          {options.map((c) => (
            <option key={c.divisionCode} value={c.divisionCode}>
              {en ? (c.nameEn ?? c.name) : c.name} ({c.divisionCode})
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The town type (TownType) select, labelled in the user's language. */
function TownTypeField({ defaultValue, error }: { defaultValue: string; error?: string }) {
  const t = useTranslations("townRegister");
  const te = useTranslations("enums");
  return (
    <Field name="townType" label={t("townType")} error={error}>
      {(control) => (
        <select {...control} defaultValue={defaultValue}>
          {TOWN_TYPES.map((k) => (
            <option key={k} value={k}>
              {te(`TownType.${k}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Adds a town to a county (an ADDED event with date and document). */
export function AddTownForm({ counties }: { counties: Division[] }) {
  const t = useTranslations("townRegister");
  const te = useTranslations("enums");
  return (
    <RegisterForm action={createTownAction} submit={t("forms.add")} testId="add-town">
      {(errors) => (
        <>
          <div className="grid gap-3 sm:grid-cols-2">
            <DivisionField
              name="countyCode"
              label={t("county")}
              options={counties}
              error={errors.countyCode}
            />
            <TextField
              name="divisionCode"
              label={t("code")}
              hint={t("forms.codeHint")}
              inputMode="numeric"
              error={errors.divisionCode}
            />
            <TextField name="name" label={t("name")} error={errors.name} />
            <TextField name="nameEn" label={t("nameEn")} error={errors.nameEn} />
            <Field name="kind" label={t("kind")} error={errors.kind}>
              {(control) => (
                <select {...control} defaultValue="OFFICE">
                  {TOWN_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {te(`TownKind.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <TownTypeField defaultValue="GENERAL" error={errors.townType} />
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="isLocalUnit" defaultChecked />
            {t("localUnit")} — {t("localUnitHint")}
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="isCountySeat" />
            {t("countySeat")}
          </label>
          <TextField name="sourceNote" label={t("sourceNote")} error={errors.sourceNote} />
          <EventFields errors={errors} />
        </>
      )}
    </RegisterForm>
  );
}

/** Edits town type, county-seat flag, English name and source note. */
export function EditTownForm({ town }: { town: EditedTown }) {
  const t = useTranslations("townRegister");
  return (
    <RegisterForm
      key={town.updatedAt}
      action={updateTownAction}
      submit={t("forms.save")}
      testId="edit-town"
    >
      {(errors) => (
        <>
          <Version town={town} />
          <TownTypeField defaultValue={town.townType} error={errors.townType} />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="isCountySeat" defaultChecked={town.isCountySeat} />
            {t("countySeat")}
          </label>
          <TextField
            name="nameEn"
            label={t("nameEn")}
            defaultValue={town.nameEn ?? ""}
            error={errors.nameEn}
          />
          <TextField
            name="sourceNote"
            label={t("sourceNote")}
            defaultValue={town.sourceNote ?? ""}
            error={errors.sourceNote}
          />
        </>
      )}
    </RegisterForm>
  );
}

/** Renames a town (RENAMED). */
export function RenameForm({ town }: { town: EditedTown }) {
  const t = useTranslations("townRegister.forms");
  return (
    <TownEventForm town={town} action={renameTownAction} submit={t("rename")} testId="rename-town">
      {(errors) => (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField name="newName" label={t("newName")} error={errors.newName} />
          <TextField name="newNameEn" label={t("newNameEn")} error={errors.newNameEn} />
        </div>
      )}
    </TownEventForm>
  );
}

/** Changes a town's division code (CODE_CHANGED). */
export function RecodeForm({ town }: { town: EditedTown }) {
  const t = useTranslations("townRegister.forms");
  return (
    <TownEventForm town={town} action={recodeTownAction} submit={t("recode")} testId="recode-town">
      {(errors) => (
        <TextField
          name="newCode"
          label={t("newCode")}
          hint={t("codeHint")}
          inputMode="numeric"
          error={errors.newCode}
        />
      )}
    </TownEventForm>
  );
}

/** Merges a town into another town of its county (MERGED). */
export function MergeForm({ town, candidates }: { town: EditedTown; candidates: Division[] }) {
  const t = useTranslations("townRegister.forms");
  return (
    <TownEventForm town={town} action={mergeTownAction} submit={t("merge")} testId="merge-town">
      {(errors) => (
        <DivisionField
          name="intoCode"
          label={t("intoCode")}
          hint={t("mergeHint")}
          options={candidates}
          error={errors.intoCode}
        />
      )}
    </TownEventForm>
  );
}

/** Awards a title or strips it (摘帽) with its document (lib/towns/events.ts). */
export function TitleEventForm({ townCode }: { townCode: string }) {
  const t = useTranslations("townRegister");
  const te = useTranslations("enums");
  const [kind, setKind] = useState("TITLE_STRIPPED");
  return (
    <RegisterForm action={titleEventAction} submit={t("forms.submit")} testId="title-event">
      {(errors) => (
        <>
          <input type="hidden" name="townCode" value={townCode} />
          <div className="grid gap-3 sm:grid-cols-3">
            <Field name="kind" label={t("forms.eventKind")} error={errors.kind}>
              {(control) => (
                <select {...control} value={kind} onChange={(e) => setKind(e.target.value)}>
                  <option value="TITLE_STRIPPED">{t("events.TITLE_STRIPPED")}</option>
                  <option value="TITLE_AWARDED">{t("events.TITLE_AWARDED")}</option>
                </select>
              )}
            </Field>
            <Field name="title" label={t("forms.title")} error={errors.title}>
              {(control) => (
                <select {...control} defaultValue="PROVINCIAL_SAMPLE">
                  <option value="PROVINCIAL_SAMPLE">{te("Attainment.PROVINCIAL_SAMPLE")}</option>
                  <option value="BASIC_COMPLIANCE">{te("Attainment.BASIC_COMPLIANCE")}</option>
                </select>
              )}
            </Field>
            {kind === "TITLE_AWARDED" && (
              <TextField
                name="year"
                inputMode="numeric"
                label={t("forms.awardYear")}
                error={errors.year}
              />
            )}
          </div>
          <EventFields errors={errors} />
        </>
      )}
    </RegisterForm>
  );
}
