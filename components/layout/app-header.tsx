import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { can, isCityRole } from "@/lib/access";
import type { SessionActor } from "@/lib/auth/session";
import { LocaleSwitcher } from "./locale-switcher";
import { NavLinks, type NavItem } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

/** The programme's administration pages: in the header's menu, not its row. */
const MENU_PATHS = new Set([
  "/admin/tasks",
  "/admin/rating-schemes",
  "/admin/programme",
  "/admin/users",
  "/admin/audit",
]);

/**
 * Navigation entries the actor's role may use (lib/access.ts decides), split into the row
 * (the daily work) and the menu (administration: "管理" for the administrator, "更多" for
 * the leader, who reads those pages).
 */
function navItems(actor: SessionActor, t: (key: string) => string) {
  const items: NavItem[] = [];
  if (can(actor, "dashboard.city.view")) {
    items.push(
      { href: "/dashboard", label: t("dashboard") },
      { href: "/circles", label: t("circles") },
    );
  }
  if (actor.role === "COUNTY_REVIEWER" && actor.county) {
    items.push({ href: `/counties/${actor.county.divisionCode}`, label: t("myCounty") });
  }
  if (can(actor, "report.review") && actor.county) {
    items.push({
      href: `/counties/${actor.county.divisionCode}/reviews`,
      label: t("reviewQueue"),
    });
  }
  if (can(actor, "confirmation.view")) {
    items.push({ href: "/admin/confirmations", label: t("confirmations") });
  }
  if (can(actor, "task.publish")) items.push({ href: "/admin/tasks", label: t("tasks") });
  if (can(actor, "rating.view")) items.push({ href: "/ratings", label: t("ratings") });
  if (isCityRole(actor.role) && can(actor, "rating.view")) {
    items.push({ href: "/admin/rating-schemes", label: t("ratingSchemes") });
  }
  if (can(actor, "assessment.view")) {
    items.push({ href: "/assessments", label: t("assessments") });
  } else if (can(actor, "assessment.county") && actor.county) {
    items.push({
      href: `/assessments/counties/${actor.county.divisionCode}`,
      label: t("myAssessment"),
    });
  }
  if (actor.role === "TOWNSHIP_STAFF" && actor.town) {
    items.push({ href: `/towns/${actor.town.divisionCode}`, label: t("myTown") });
  }
  if (can(actor, "programme.view")) {
    items.push({ href: "/admin/programme", label: t("programme") });
  }
  if (can(actor, "user.manage")) items.push({ href: "/admin/users", label: t("users") });
  if (can(actor, "audit.view")) items.push({ href: "/admin/audit", label: t("audit") });
  return {
    items: items.filter((item) => !MENU_PATHS.has(item.href)),
    more: {
      label: t(can(actor, "programme.manage") ? "adminMenu" : "moreMenu"),
      items: items.filter((item) => MENU_PATHS.has(item.href)),
    },
  };
}

/**
 * The signed-in shell's header: product name, the role's navigation, the user's name, role and
 * scope (a link to their account), language switch and sign-out. On a phone the navigation
 * scrolls sideways below.
 */
export async function AppHeader({ actor }: { actor: SessionActor }) {
  const t = await getTranslations("shell");
  const tr = await getTranslations("roles");
  const en = (await getLocale()) === "en";
  const scope = actor.town
    ? (en && actor.town.nameEn) || actor.town.name
    : actor.county
      ? en
        ? actor.county.nameEn
        : actor.county.name
      : t("wholeCity");
  return (
    <header className="border-b border-slate-200 bg-white print:hidden">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
        <Link href="/" className="text-lg font-semibold text-brand-700">
          {t("product")}
        </Link>
        <div className="order-3 w-full min-w-0 sm:order-none sm:w-auto sm:flex-1">
          <NavLinks {...navItems(actor, t)} />
        </div>
        <div className="ml-auto flex items-center gap-2 text-sm">
          {/* The user's name opens their account (password, API tokens): one entry less in the row. */}
          <Link
            href="/account"
            title={t("account")}
            className="rounded-md px-1 text-right leading-tight hover:bg-slate-100"
            data-testid="current-user"
          >
            <span className="sr-only">{t("account")}: </span>
            <span className="block text-xs font-medium sm:text-sm">{actor.displayName}</span>
            <span className="hidden text-xs text-slate-500 sm:block">
              {tr(actor.role)} · {scope}
            </span>
          </Link>
          <LocaleSwitcher />
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
