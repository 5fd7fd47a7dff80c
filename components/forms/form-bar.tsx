import type { ReactNode } from "react";

/** The bar that stays on top of a long auto-saved form: save state, running figures, actions. */
export function FormBar({ children }: { children: ReactNode }) {
  return (
    <div className="sticky top-0 z-10 flex flex-wrap items-center gap-3 rounded-md border border-slate-200 bg-white/95 px-4 py-2 shadow-sm">
      {children}
    </div>
  );
}
