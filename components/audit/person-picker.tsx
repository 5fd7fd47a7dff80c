"use client";

import { useId, useState } from "react";

/**
 * A searchable choice of a person for a GET filter form: typing in the search box narrows the
 * select's options (name or user name, case-insensitive); the select submits the user's id as
 * `name`. Texts come from the server page (already translated).
 * @param people `{ id, label }` with label "显示名 (username)".
 */
export function PersonPicker({
  name,
  people,
  value,
  label,
  searchLabel,
  anyLabel,
  className,
}: {
  name: string;
  people: { id: number; label: string }[];
  value?: number;
  label: string;
  searchLabel: string;
  anyLabel: string;
  className?: string;
}) {
  const [term, setTerm] = useState("");
  const [chosen, setChosen] = useState(value ? String(value) : "");
  const id = useId();
  const needle = term.trim().toLowerCase();
  const shown = people.filter(
    (p) => String(p.id) === chosen || !needle || p.label.toLowerCase().includes(needle),
  );
  return (
    <div className="space-y-1">
      <label htmlFor={`${id}-select`} className="block text-slate-600">
        {label}
      </label>
      <div className="flex gap-1">
        <input
          type="search"
          aria-label={searchLabel}
          placeholder={searchLabel}
          value={term}
          onChange={(e) => {
            setTerm(e.target.value);
            const needleNow = e.target.value.trim().toLowerCase();
            const matches = people.filter((p) => p.label.toLowerCase().includes(needleNow));
            // One match: choose it, so typing a name is enough.
            if (needleNow && matches.length === 1) setChosen(String(matches[0]!.id));
          }}
          className={`${className ?? ""} w-40`}
        />
        <select
          id={`${id}-select`}
          name={name}
          value={chosen}
          onChange={(e) => setChosen(e.target.value)}
          className={className}
        >
          <option value="">{anyLabel}</option>
          {shown.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
