"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { cn } from "@/lib/utils";

/**
 * A modal dialog (the native `<dialog>` opened with showModal: focus moves into it and stays
 * there, the page behind is inert). It opens when mounted and closes when unmounted, giving
 * focus back to the element that had it. Escape calls `onCancel` (the dialog stays open unless
 * the caller unmounts it).
 * @param labelledBy the id of the dialog's title; `describedBy` of its explanation.
 */
export function Modal({
  labelledBy,
  describedBy,
  onCancel,
  className,
  children,
}: {
  labelledBy: string;
  describedBy?: string;
  onCancel?: () => void;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement as HTMLElement | null;
    dialog?.showModal();
    return () => {
      dialog?.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      className={cn(
        "m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg bg-white p-5 shadow-xl backdrop:bg-slate-900/40",
        className,
      )}
      onCancel={(e) => {
        e.preventDefault();
        onCancel?.();
      }}
    >
      {children}
    </dialog>
  );
}
