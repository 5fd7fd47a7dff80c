/**
 * Notices a page is opened with after a redirect or a finished action (the query parameter
 * `notice`): shared by the code that sends the user on (lib/pages.ts, forms) and the banner that
 * shows them (components/layout/page-notice.tsx). Each notice is a key of `everyday.notice`.
 */
export const NOTICE_PARAM = "notice";

/** "The page you followed does not exist or is not open to you." */
export const UNAVAILABLE_NOTICE = "unavailable";

/** What each notice is: a warning (amber) or the outcome of the user's own action (green). */
export const NOTICES = {
  [UNAVAILABLE_NOTICE]: "warning",
  /** The county approved a report from the review screen. */
  reviewApproved: "success",
  /** The county returned a report to its town from the review screen. */
  reviewReturned: "success",
} as const;

export type Notice = keyof typeof NOTICES;

/** `href` with `?notice=` (or `&notice=`) appended. */
export function withNotice(href: string, notice: Notice): string {
  return `${href}${href.includes("?") ? "&" : "?"}${NOTICE_PARAM}=${notice}`;
}
