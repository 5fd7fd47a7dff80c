"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage, TextField } from "@/components/ui/field";
import { createBeltAction, updateBeltAction } from "@/lib/circles/actions";
import type { BeltAdminRow } from "@/lib/circles/queries";
import { createBeltSchema, updateBeltSchema } from "@/lib/validation/circle";
import { useCheckedAction } from "./use-checked-action";

type Values = {
  code: string;
  name: string;
  nameEn: string;
  description: string;
  fromYear: string;
  untilYear: string;
};

/**
 * Create or edit a belt (诗画风光带): code, names, description, from and until years (empty
 * until = still running). Checked in the browser with the server's schema; an edit is saved
 * against the version the page loaded. Read-only (no button) when `editable` is false.
 */
export function BeltForm({
  belt,
  editable,
  defaultYear,
}: {
  belt?: BeltAdminRow;
  editable: boolean;
  defaultYear: number;
}) {
  const t = useTranslations("circleAdmin");
  const router = useRouter();
  const [values, setValues] = useState<Values>({
    code: belt?.code ?? "",
    name: belt?.name ?? "",
    nameEn: belt?.nameEn ?? "",
    description: belt?.description ?? "",
    fromYear: String(belt?.fromYear ?? defaultYear),
    untilYear: belt?.untilYear ? String(belt.untilYear) : "",
  });
  const { state, pending, submit, errors } = useCheckedAction(
    belt ? updateBeltSchema : createBeltSchema,
    belt ? updateBeltAction : createBeltAction,
    (result) => {
      const code = result.data?.code;
      if (!belt) router.push("/admin/circles?created=belt");
      else if (code && code !== belt.code) router.replace(`/admin/circles/belts/${code}`);
    },
  );
  const set = (change: Partial<Values>) => setValues((v) => ({ ...v, ...change }));
  const text = (name: keyof Values, type = "text", hint?: string) => (
    <TextField
      name={name}
      type={type}
      label={t(`fields.${name}`)}
      hint={hint}
      value={values[name]}
      readOnly={!editable}
      onChange={(e) => set({ [name]: e.target.value })}
      error={errors[name]}
      inputMode={type === "number" ? "numeric" : undefined}
    />
  );
  return (
    <form
      noValidate
      aria-label={t(belt ? "belt.edit" : "belt.new")}
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit(
          belt ? { ...values, id: belt.id, expectedVersion: belt.version } : values,
          t("saved"),
        );
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        {text("code", "text", t("fields.codeHint"))}
        {text("name")}
        {text("nameEn")}
        <div className="grid grid-cols-2 gap-3">
          {text("fromYear", "number")}
          {text("untilYear", "number", t("fields.untilHint"))}
        </div>
      </div>
      <Field name="description" label={t("fields.description")} error={errors.description}>
        {(control) => (
          <textarea
            {...control}
            rows={2}
            value={values.description}
            readOnly={!editable}
            onChange={(e) => set({ description: e.target.value })}
          />
        )}
      </Field>
      <FormMessage status={state.status} message={state.message} />
      {editable && (
        <Button type="submit" disabled={pending}>
          {belt ? t("save") : t("belt.create")}
        </Button>
      )}
    </form>
  );
}
