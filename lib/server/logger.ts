/**
 * The server's logger (pino): one JSON object per line in production, readable lines in
 * development and tests (pino-pretty as a stream, so no worker thread). The level comes from
 * LOG_LEVEL (default info; "silent" turns it off). Never pass passwords, tokens or file
 * contents: the redact list below is a second line of defence, not the first. No server-only
 * import: the app server (lib/server/http-server.ts) logs through the same instance, kept on
 * `globalThis`; app code imports it through lib/log.ts.
 */
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

function create(): Logger {
  const wanted = process.env.LOG_LEVEL ?? "info";
  const options: pino.LoggerOptions = {
    level: LEVELS.includes(wanted) ? wanted : "info",
    base: { app: "meizhen" },
    redact: {
      paths: ["password", "*.password", "passwordHash", "*.passwordHash", "token", "*.token"],
      censor: "[redacted]",
    },
  };
  if (process.env.NODE_ENV === "production" && !process.env.LOG_PRETTY) return pino(options);
  return pino(options, pretty({ colorize: false, translateTime: "SYS:standard", sync: true }));
}

const globalForLog = globalThis as unknown as { meizhenLogger?: Logger };

/** The process-wide logger. */
export const log: Logger = (globalForLog.meizhenLogger ??= create());
