/** Settings the browser tests give the app server (e2e/playwright.config.ts) and read back. */

/** The bearer token GET /api/metrics accepts in the tests (never a production value). */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-not-for-production";
