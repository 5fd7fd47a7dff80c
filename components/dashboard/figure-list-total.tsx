/**
 * The total line of a list behind a key figure (towns, projects): the number the card shows,
 * worked out from the list's rows. `data-testid="list-total"` for the tests that compare it
 * with the card.
 */
export function FigureListTotal({ children }: { children: React.ReactNode }) {
  return (
    <p
      className="rounded-md bg-brand-50 px-3 py-2 text-sm font-medium tabular-nums text-brand-900"
      data-testid="list-total"
    >
      {children}
    </p>
  );
}
