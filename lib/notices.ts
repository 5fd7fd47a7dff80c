/**
 * Notices a page is opened with after a redirect (the query parameter `notice`): shared by the
 * server helper that redirects (lib/pages.ts) and the banner that shows them
 * (components/layout/page-notice.tsx).
 */
export const NOTICE_PARAM = "notice";

/** "The page you followed does not exist or is not open to you." */
export const UNAVAILABLE_NOTICE = "unavailable";
