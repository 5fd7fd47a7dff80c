"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { FormState } from "@/lib/validation/form-state-shared";

/** A queue row a bulk action can take: its id and the version the queue shows. */
type Versioned = { id: number; version: number };

/**
 * The ticked rows of a review or confirmation queue and the bulk action over them: `run` sends
 * the ticked reports at the versions shown, keeps the action's message (what was done and
 * skipped) and clears the ticks and refreshes the page when it went through.
 */
export function useBulkSelection<R extends Versioned>(
  rows: R[],
  action: (reports: { reportId: number; expectedVersion: number }[]) => Promise<FormState>,
) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [state, setState] = useState<FormState>({ status: "idle" });
  const [pending, startTransition] = useTransition();
  const toggle = (id: number, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const run = (after?: () => void) =>
    startTransition(async () => {
      const result = await action(
        rows
          .filter((r) => selected.has(r.id))
          .map((r) => ({ reportId: r.id, expectedVersion: r.version })),
      );
      setState(result);
      after?.();
      if (result.status === "ok") {
        setSelected(new Set());
        router.refresh();
      }
    });
  return { selected, toggle, run, state, pending };
}

/** The tick box of one queue row. */
export function SelectBox({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <input
      type="checkbox"
      aria-label={label}
      checked={checked}
      onChange={(e) => onChange(e.target.checked)}
    />
  );
}
