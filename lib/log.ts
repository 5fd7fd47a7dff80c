/** The server's logger for app code (see lib/server/logger.ts; one instance per process). */
import "server-only";

export { log } from "@/lib/server/logger";
