/** Classes that mark the row a checklist link jumped to, for a few seconds. */
const HIGHLIGHT = ["ring-2", "ring-amber-400", "bg-amber-50"];

/**
 * Takes the user to a field named in a list of what is missing (the report's checklist, a
 * refused score sheet): scrolls `row` to the centre, highlights it for 4 s
 * (`data-highlighted`), and focuses `field`, or else the row's first input (focusing also
 * scrolls a table wider than a phone sideways to it). Does nothing without a row.
 */
export function jumpToField(row: HTMLElement | null, field?: HTMLElement | null): void {
  if (!row) return;
  row.scrollIntoView({ block: "center" });
  row.classList.add(...HIGHLIGHT);
  row.dataset.highlighted = "true";
  window.setTimeout(() => {
    row.classList.remove(...HIGHLIGHT);
    delete row.dataset.highlighted;
  }, 4000);
  (field ?? row.querySelector<HTMLElement>("input, select, textarea"))?.focus();
}
