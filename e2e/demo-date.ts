/**
 * The date the browser tests live at: `npm test` seeds the demo data as of this day and starts
 * the app with its clock pinned to 10:00 that morning (MEIZHEN_NOW), so every page shows the
 * same state whatever day the tests run. A Friday in the annual-report week: the 2026 annual
 * report is due on 10 December.
 */
export const E2E_TODAY = "2026-12-04";

/** The pinned instant (10:00 in Asia/Shanghai). */
export const E2E_NOW = `${E2E_TODAY}T10:00:00+08:00`;
