"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage, TextField } from "@/components/ui/field";
import type { Role } from "@/lib/generated/prisma/enums";
import { createUserAction, updateUserAction } from "@/lib/users/actions";
import type { UserRow } from "@/lib/users/queries";
import { idleState, type FormState } from "@/lib/validation/form-state-shared";
import { issueFields } from "@/lib/validation/issues";
import { createUserSchema } from "@/lib/validation/user";

const roles: Role[] = ["CITY_ADMIN", "CITY_LEADER", "COUNTY_REVIEWER", "TOWNSHIP_STAFF"];

type Options = {
  counties: { divisionCode: string; name: string; nameEn: string }[];
  towns: { divisionCode: string; name: string; nameEn: string | null; countyCode: string }[];
};

/**
 * Create or edit a user: name, role and the scope the role needs (a county for reviewers, a
 * town for township staff, picked within a county). Editing sends the version it loaded, so a
 * concurrent save by another administrator is refused rather than overwritten.
 */
export function UserForm({ user, options }: { user?: UserRow; options: Options }) {
  const t = useTranslations("users");
  const tr = useTranslations("roles");
  const tAll = useTranslations();
  const en = useLocale() === "en";
  const [serverState, action, pending] = useActionState(
    user ? updateUserAction : createUserAction,
    idleState,
  );
  // A new user is checked here first with the server's schema (the password policy included).
  const [local, setLocal] = useState<FormState | null>(null);
  const state = local ?? serverState;
  const check = (event: React.FormEvent<HTMLFormElement>) => {
    if (user) return;
    const input = Object.fromEntries(new FormData(event.currentTarget).entries());
    const checked = createUserSchema.safeParse(input);
    if (checked.success) {
      setLocal(null);
      return;
    }
    event.preventDefault();
    const fields = issueFields(checked.error.issues);
    setLocal({
      status: "error",
      message: tAll("validation.fixFields"),
      fieldErrors: Object.fromEntries(Object.entries(fields).map(([f, key]) => [f, tAll(key)])),
    });
  };
  const [role, setRole] = useState<Role>(user?.role ?? "TOWNSHIP_STAFF");
  const [countyCode, setCountyCode] = useState(user?.countyCode ?? "");
  const towns = options.towns.filter((x) => x.countyCode === countyCode);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} onSubmit={check} className="max-w-lg space-y-4" noValidate>
      {user && (
        <>
          <input type="hidden" name="id" value={user.id} />
          <input type="hidden" name="expectedUpdatedAt" value={user.updatedAt} />
        </>
      )}
      {user ? (
        <p className="text-sm">
          {t("username")}: <span className="font-medium">{user.username}</span>
        </p>
      ) : (
        <TextField
          name="username"
          label={t("username")}
          hint={t("usernameRule")}
          error={errors.username}
          autoComplete="off"
        />
      )}
      <TextField
        name="displayName"
        label={t("displayName")}
        defaultValue={user?.displayName}
        error={errors.displayName}
      />
      <Field name="role" label={t("role")} error={errors.role}>
        {(control) => (
          <select {...control} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {tr(r)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {(role === "COUNTY_REVIEWER" || role === "TOWNSHIP_STAFF") && (
        <Field name="countyCode" label={t("county")} error={errors.countyCode}>
          {(control) => (
            <select {...control} value={countyCode} onChange={(e) => setCountyCode(e.target.value)}>
              <option value="">{t("choose")}</option>
              {options.counties.map((c) => (
                <option key={c.divisionCode} value={c.divisionCode}>
                  {en ? c.nameEn : c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {role === "TOWNSHIP_STAFF" && (
        <Field name="townCode" label={t("town")} error={errors.townCode}>
          {(control) => (
            <select {...control} defaultValue={user?.townCode ?? ""} key={countyCode}>
              <option value="">{t("choose")}</option>
              {towns.map((x) => (
                <option key={x.divisionCode} value={x.divisionCode}>
                  {en ? (x.nameEn ?? x.name) : x.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {user ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="isActive" defaultChecked={user.isActive} />
          {t("activeLabel")}
        </label>
      ) : (
        <TextField
          name="password"
          type="password"
          autoComplete="new-password"
          label={t("initialPassword")}
          hint={t("initialPasswordHint")}
          error={errors.password}
        />
      )}
      <FormMessage
        status={state.status}
        message={state.status === "ok" ? t("saved") : state.message}
      />
      <Button type="submit" disabled={pending}>
        {user ? t("save") : t("create")}
      </Button>
    </form>
  );
}
