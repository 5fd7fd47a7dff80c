import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/utils";

const controlClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600 aria-[invalid=true]:border-red-500 disabled:bg-slate-100";

/**
 * A labelled form control with its error message linked by aria-describedby.
 * `children` receives the props the control must spread (id, name, aria-*).
 */
export function Field({
  name,
  label,
  error,
  hint,
  className,
  children,
}: {
  name: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  className?: string;
  children: (control: {
    id: string;
    name: string;
    "aria-invalid": boolean;
    "aria-describedby"?: string;
    className: string;
  }) => ReactNode;
}) {
  const id = `field-${name}`;
  const describedBy = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(" ");
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children({
        id,
        name,
        "aria-invalid": Boolean(error),
        "aria-describedby": describedBy || undefined,
        className: controlClass,
      })}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}

/** A text-like input inside a Field. */
export function TextField({
  name,
  label,
  error,
  hint,
  className,
  ...input
}: { name: string; label: ReactNode; error?: string; hint?: ReactNode } & Omit<
  ComponentProps<"input">,
  "name" | "id"
>) {
  return (
    <Field name={name} label={label} error={error} hint={hint} className={className}>
      {(control) => <input {...input} {...control} />}
    </Field>
  );
}

/** An alert box for a form's overall message. */
export function FormMessage({
  status,
  message,
}: {
  status: "idle" | "ok" | "error";
  message?: string;
}) {
  if (!message || status === "idle") return null;
  return (
    <p
      role={status === "error" ? "alert" : "status"}
      className={cn(
        "rounded-md px-3 py-2 text-sm",
        status === "error" ? "bg-red-50 text-red-700" : "bg-green-50 text-green-800",
      )}
    >
      {message}
    </p>
  );
}
