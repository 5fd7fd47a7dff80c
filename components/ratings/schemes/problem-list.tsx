import { useTranslations } from "next-intl";

/**
 * The scheme check's problems (lib/domain/rating-scheme.ts), each after the place it is about.
 * Places come named as lib/ratings/schemes.internal.ts `problemField` names them: "scheme",
 * "bands", "bands:<stars>", "category:<code>", "item:<code>", "criterion:<item>:<code>".
 */
export function ProblemList({ problems }: { problems: { field: string; message: string }[] }) {
  const tp = useTranslations("ratingSchemes.problems");
  const t = useTranslations("ratingSchemes.problems.place");
  const place = (field: string) => {
    const [kind, first, second] = field.split(":");
    switch (kind) {
      case "bands":
        return first ? t("band", { stars: first }) : t("bands");
      case "category":
        return t("category", { code: first ?? "" });
      case "item":
        return t("item", { code: first ?? "" });
      case "criterion":
        return t("criterion", { item: first ?? "", code: second ?? "" });
      default:
        return t("scheme");
    }
  };
  return (
    <ul
      className="list-disc space-y-1 rounded-md bg-red-50 py-2 pl-8 pr-3 text-sm text-red-700"
      data-testid="scheme-problems"
    >
      {problems.map((p) => (
        <li key={`${p.field} ${p.message}`}>
          <span className="font-medium">{place(p.field)}</span>
          {tp("separator")}
          {p.message}
        </li>
      ))}
    </ul>
  );
}
