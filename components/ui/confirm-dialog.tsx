"use client";

import { useTranslations } from "next-intl";
import { useCallback, useId, useState, type ComponentProps, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Modal } from "./modal";

/**
 * What the dialog asks: a title, an optional explanation (line breaks kept), the confirming
 * button's text, and its tone: `danger` (the default: deleting, revoking, locking) or `primary`
 * for an ordinary step such as submitting a report.
 */
export type ConfirmRequest = {
  title: string;
  message?: string;
  confirmLabel: string;
  tone?: "danger" | "primary";
};

/**
 * An accessible confirmation (the native modal `<dialog>`: focus moves into it and is kept
 * there, Escape cancels, the page behind is inert), to use before an irreversible action
 * instead of window.confirm.
 *
 * `const [confirm, dialog] = useConfirm();` — render `dialog` once, then
 * `if (await confirm({ title, message, confirmLabel })) …`; resolves true on the confirming
 * button, false on Cancel or Escape. Focus goes back to the element that opened it.
 */
export function useConfirm(): [(request: ConfirmRequest) => Promise<boolean>, ReactNode] {
  const [pending, setPending] = useState<
    (ConfirmRequest & { resolve: (ok: boolean) => void }) | null
  >(null);
  const confirm = useCallback(
    (request: ConfirmRequest) =>
      new Promise<boolean>((resolve) => setPending({ ...request, resolve })),
    [],
  );
  const dialog = pending ? (
    <ConfirmDialog
      request={pending}
      onClose={(ok) => {
        pending.resolve(ok);
        setPending(null);
      }}
    />
  ) : null;
  return [confirm, dialog];
}

function ConfirmDialog({
  request,
  onClose,
}: {
  request: ConfirmRequest;
  onClose: (ok: boolean) => void;
}) {
  const t = useTranslations("everyday.confirm");
  const id = useId();
  return (
    <Modal
      labelledBy={`${id}-title`}
      describedBy={request.message ? `${id}-message` : undefined}
      onCancel={() => onClose(false)}
    >
      <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
        {request.title}
      </h2>
      {request.message && (
        <p id={`${id}-message`} className="mt-2 text-sm whitespace-pre-line text-slate-700">
          {request.message}
        </p>
      )}
      <div className="mt-5 flex justify-end gap-2">
        <Button type="button" variant="secondary" autoFocus onClick={() => onClose(false)}>
          {t("cancel")}
        </Button>
        <Button
          type="button"
          variant={request.tone === "primary" ? "primary" : "danger"}
          onClick={() => onClose(true)}
        >
          {request.confirmLabel}
        </Button>
      </div>
    </Modal>
  );
}

/**
 * A submit button that asks first: on confirmation it submits its form (so the form's server
 * action runs as for a plain submit button); a `name` and `value` go with the submission as a
 * submit button's would (through a hidden submitter); other props go to the Button.
 */
export function ConfirmSubmitButton({
  request,
  name,
  value,
  ...button
}: { request: ConfirmRequest } & Omit<ComponentProps<typeof Button>, "type" | "onClick">) {
  const [confirm, dialog] = useConfirm();
  const [submitter, setSubmitter] = useState<HTMLButtonElement | null>(null);
  return (
    <>
      <Button
        {...button}
        type="button"
        onClick={async (e) => {
          const form = e.currentTarget.form;
          if (await confirm(request)) form?.requestSubmit(submitter ?? undefined);
        }}
      />
      {name !== undefined && (
        <button ref={setSubmitter} type="submit" name={name} value={value} hidden tabIndex={-1} />
      )}
      {dialog}
    </>
  );
}
