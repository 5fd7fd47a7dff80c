"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { cn } from "@/lib/utils";

/** One navigation entry. */
export type NavItem = { href: string; label: string };

/** Whether `href` is `pathname` or a section above it. */
const covers = (href: string, pathname: string) =>
  pathname === href || pathname.startsWith(`${href}/`);

/** The entry nearest to the page (a county's review queue, not also the county page above it). */
function currentHref(items: NavItem[], pathname: string): string | null {
  return items
    .filter((item) => covers(item.href, pathname))
    .reduce<string | null>(
      (best, item) => (best && best.length >= item.href.length ? best : item.href),
      null,
    );
}

const linkClass = (active: boolean) =>
  cn(
    "block whitespace-nowrap rounded-md px-3 py-2 text-sm",
    active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100",
  );

/**
 * The shell's navigation. `items` are shown in a row (on a phone it scrolls sideways, and a
 * fade at the edge shows there is more); `more` (the administration pages) opens from one
 * button as a disclosure menu, so the header stays one row at 1280–1366 px for every role in
 * both languages (11 entries wrapped it). The current section is marked with aria-current —
 * the entry nearest to the page, also inside the menu (its button is then marked too). The
 * menu closes on Escape (focus back on its button), a click outside, or navigating.
 */
export function NavLinks({
  items,
  more,
}: {
  items: NavItem[];
  more?: { label: string; items: NavItem[] };
}) {
  const pathname = usePathname();
  const current = currentHref([...items, ...(more?.items ?? [])], pathname);
  const [open, setOpen] = useState(false);
  const [fade, setFade] = useState(false);
  const menuId = useId();
  const row = useRef<HTMLDivElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  // Navigating closes the menu (adjusting state while rendering, as React recommends).
  const [openedAt, setOpenedAt] = useState(pathname);
  if (openedAt !== pathname) {
    setOpenedAt(pathname);
    setOpen(false);
  }

  // The fade at the right edge while the row scrolls and its end is not reached.
  useEffect(() => {
    const element = row.current;
    if (!element) return;
    const measure = () =>
      setFade(element.scrollLeft + element.clientWidth < element.scrollWidth - 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    element.addEventListener("scroll", measure, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener("scroll", measure);
    };
  }, []);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  const inMenu = more?.items.some((item) => item.href === current) ?? false;
  return (
    <nav aria-label="main" className="flex items-center gap-1">
      <div
        ref={row}
        data-testid="nav-row"
        data-fade={fade || undefined}
        className={cn(
          "flex min-w-0 gap-1 overflow-x-auto",
          fade && "[mask-image:linear-gradient(to_right,black_80%,transparent)]",
        )}
      >
        {items.map((item) => (
          <Link
            key={item.href}
            href={item.href}
            aria-current={item.href === current ? "page" : undefined}
            className={linkClass(item.href === current)}
          >
            {item.label}
          </Link>
        ))}
      </div>
      {more && more.items.length > 0 && (
        <div ref={menu} className="relative shrink-0">
          <button
            ref={button}
            type="button"
            aria-expanded={open}
            aria-controls={menuId}
            onClick={() => setOpen((o) => !o)}
            className={cn(linkClass(inMenu), "flex items-center gap-1")}
          >
            {more.label}
            <span aria-hidden className={cn("text-xs transition-transform", open && "rotate-180")}>
              ▾
            </span>
          </button>
          <ul
            id={menuId}
            hidden={!open}
            className="absolute right-0 z-30 mt-1 min-w-44 rounded-md border border-slate-200 bg-white p-1 shadow-lg"
          >
            {more.items.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={item.href === current ? "page" : undefined}
                  className={linkClass(item.href === current)}
                  onClick={() => setOpen(false)}
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
    </nav>
  );
}
