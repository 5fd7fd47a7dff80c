import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

/** One column of a CardTable: its header, how a row's cell is drawn, and its width on a phone. */
export type CardTableColumn<T> = {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Classes of the column's cells. */
  className?: string;
  /** On a phone the card is two columns wide; a `half` column takes one (short figures). */
  half?: boolean;
  /**
   * The column's width on a wide screen (a CSS length, e.g. "24%"). When any column has one the
   * table's layout is fixed: tables built from the same columns line up under one another
   * (columns without a width share what is left equally).
   */
  width?: string;
};

/** What a row element carries: the anchor id, a test id, highlight classes. */
export type CardTableRow = { id?: string; "data-testid"?: string; className?: string };

/**
 * A table on a wide screen (≥ md, 768 px) that becomes a list of cards on a phone, one card per
 * row: the first column is the card's title, every other cell is a line with the column's
 * header as its label (`half` columns share a line), so nothing is cut off or scrolled sideways.
 * It is one DOM in both layouts (only CSS changes): each field and anchor id exists once, so
 * links to `#id` and `label`s work on both. `minWidth` is the table's Tailwind min-width on a
 * wide screen ("md:min-w-[48rem]"); a table wider than its card scrolls inside the card there.
 */
export function CardTable<T>({
  rows,
  columns,
  rowKey,
  rowProps,
  minWidth,
  className,
}: {
  rows: T[];
  columns: CardTableColumn<T>[];
  rowKey: (row: T) => string | number;
  rowProps?: (row: T) => CardTableRow;
  minWidth?: string;
  className?: string;
}) {
  const fixed = columns.some((column) => column.width !== undefined);
  return (
    <table
      className={cn(
        "mt-3 w-full text-sm max-md:block",
        fixed && "table-fixed",
        minWidth,
        className,
      )}
    >
      {fixed && (
        <colgroup className="max-md:hidden">
          {columns.map((column, index) => (
            <col key={index} style={column.width ? { width: column.width } : undefined} />
          ))}
        </colgroup>
      )}
      <thead className="text-left text-xs text-slate-500 max-md:hidden">
        <tr>
          {columns.map((column, index) => (
            <th key={index} className={index === 0 ? "py-1 pr-2" : "px-2"}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="max-md:block max-md:space-y-3">
        {rows.map((row) => {
          const props = rowProps?.(row) ?? {};
          return (
            <tr
              key={rowKey(row)}
              {...props}
              className={cn(
                "border-t border-slate-100 align-top",
                "max-md:grid max-md:grid-cols-2 max-md:gap-x-3 max-md:gap-y-2 max-md:rounded-md max-md:border max-md:border-slate-200 max-md:p-3",
                props.className,
              )}
            >
              {columns.map((column, index) => (
                <td
                  key={index}
                  className={cn(
                    index === 0 ? "py-2 pr-2" : "px-2 py-2",
                    "max-md:min-w-0 max-md:p-0",
                    !column.half && "max-md:col-span-2",
                    column.className,
                  )}
                >
                  {index > 0 && column.header && (
                    <span className="mb-0.5 block text-xs font-normal text-slate-500 md:hidden">
                      {column.header}
                    </span>
                  )}
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
