import { isViewKey } from "@/lib/table/view";

/**
 * Hidden inputs that carry a DataTable's URL state (search `q`, `sort`, hidden columns `hide`
 * and `f.<column>` filters; lib/table/view.ts) through a server-side GET filter form, so
 * changing the form's filters keeps the user's search and sort. The page number is left out:
 * a new filter starts on page 1.
 */
export function KeepTableState({ query }: { query: Record<string, string | undefined> }) {
  const kept = Object.entries(query).filter(
    ([key, value]) => value !== undefined && value !== "" && isViewKey(key),
  );
  return (
    <>
      {kept.map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
    </>
  );
}
