/**
 * Which message namespaces reach the browser (issue 15, part 5): every page used to carry the
 * whole catalogue (77 kB of JSON in zh-CN) in its HTML. Now the root layout sends the shell's
 * namespaces (header, navigation, errors, tables, forms, validation, uploads, enums) and each
 * route segment's layout adds what its client components use, through `segmentLayout`
 * (components/layout/client-messages.tsx). Server components keep reading every namespace.
 *
 * The lists are checked by lib/i18n/client-messages.test.ts, which follows each page's imports
 * to its client components and reads their `useTranslations("…")`: a client component that
 * uses a namespace its segment does not send fails that test. Components that translate keys
 * they receive (the root translator `useTranslations()`, e.g. zod messages) may use the shell's
 * namespaces and their segment's; keep such keys there.
 */

/** Namespaces every page sends: what the shell's and the shared client components use. */
export const SHELL_NAMESPACES = [
  "app",
  "common",
  "demo",
  "enums",
  "errors",
  "everyday",
  "forms",
  "locale",
  "roles",
  "shell",
  "table",
  "upload",
  "validation",
] as const;

/**
 * The namespaces each route segment adds for its client components. A segment is the first
 * folder of a page's path (`dashboard`, `towns`, `login`), under `admin/` its first two
 * (`admin/towns`). Segments whose client components need only the shell are left out.
 */
export const SEGMENT_NAMESPACES = {
  login: ["auth"],
  account: ["account", "users", "security"],
  dashboard: ["dashboard", "charts"],
  counties: [
    "dashboard",
    "charts",
    "reports",
    "evidence",
    "review",
    "indicatorValue",
    "reportChecks",
    "reviewFlow",
    "ratings",
    "townPage",
    "exportsAudit",
  ],
  towns: [
    "dashboard",
    "charts",
    "reports",
    "evidence",
    "review",
    "indicatorValue",
    "import",
    "reportChecks",
    "ratings",
    "reportForm",
    "townPage",
    "exportsAudit",
    "saveRecovery",
    "auth",
    "controls",
  ],
  projects: ["townPage"],
  circles: ["dashboard", "charts"],
  ratings: [
    "ratings",
    "starBands",
    "indicatorValue",
    "evidence",
    "saveRecovery",
    "auth",
    "controls",
  ],
  assessments: ["assessments", "dashboard", "charts", "indicatorValue", "security"],
  "admin/circles": [
    "circleAdmin",
    "dashboard",
    "towns",
    "townRegister",
    "programmeYears",
    "security",
  ],
  "admin/confirmations": ["review", "reports", "evidence", "reportChecks", "reviewFlow"],
  "admin/indicators": [
    "security",
    "indicatorCatalogue",
    "dashboard",
    "indicatorValue",
    "towns",
    "townRegister",
    "programmeYears",
  ],
  "admin/rating-schemes": ["ratingSchemes", "starBands", "ratings", "controls", "security"],
  "admin/tasks": ["tasks", "import", "reports", "controls", "security"],
  "admin/towns": ["townRegister", "evidence", "controls"],
  "admin/users": ["users", "account", "security"],
  "admin/audit": ["controls"],
  "admin/years": ["programmeYears", "controls"],
} as const satisfies Record<string, readonly string[]>;

/** A route segment that adds namespaces. */
export type Segment = keyof typeof SEGMENT_NAMESPACES;

/** The segment of a route file's path under app/ (e.g. "(app)/admin/towns/[code]/page.tsx"). */
export function segmentOf(routePath: string): string {
  const parts = routePath.split("/").filter((p) => !/^\(.*\)$/.test(p));
  if (parts[0] === "admin" && parts.length > 2) return `admin/${parts[1]}`;
  return parts.length > 1 ? parts[0]! : "";
}

/**
 * The part of `messages` (all namespaces of a locale) that a segment's client components get:
 * the shell's namespaces plus the segment's.
 */
export function clientMessages(
  messages: Record<string, unknown>,
  segment?: Segment,
): Record<string, unknown> {
  const names = [...SHELL_NAMESPACES, ...(segment ? SEGMENT_NAMESPACES[segment] : [])];
  return Object.fromEntries(names.filter((n) => n in messages).map((n) => [n, messages[n]]));
}
