import type { ReactNode } from "react";

/**
 * The bar that stays in view on a long auto-saved form: save state, running figures, actions.
 * On a wide screen it sticks to the top; on a phone (< md) it is a compact bar stuck to the
 * bottom of the screen (within reach of the thumb) — for that the form's container must be a
 * flex column (`flex flex-col`): the bar moves to its end and sticks there while the form is in
 * view, so nothing of the form is hidden beneath it once scrolled to the end.
 */
export function FormBar({ children }: { children: ReactNode }) {
  return (
    <div
      data-testid="form-bar"
      className="sticky top-0 z-10 flex flex-wrap items-center gap-3 rounded-md border border-slate-200 bg-white/95 px-4 py-2 shadow-sm max-md:bottom-0 max-md:top-auto max-md:order-last max-md:-mx-1 max-md:gap-2 max-md:px-3 max-md:py-1.5 max-md:shadow-[0_-2px_6px_rgba(0,0,0,0.08)]"
    >
      {children}
    </div>
  );
}
