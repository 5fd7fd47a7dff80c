/**
 * Launchers (`npm run demo`, `npm start`, `npm test`, the database helpers) end with one clear
 * line, never a Node stack trace: an error nobody caught (also one emitted by a child process
 * or a stream) prints its first line and exits with status 1. Imported for its effect, first.
 * Set MEIZHEN_DEBUG=1 to see the stack.
 */
function report(error: unknown): never {
  const text = error instanceof Error ? error.message : String(error);
  console.error(`meizhen: ${text.split("\n")[0] || "unexpected error"}`);
  if (process.env.MEIZHEN_DEBUG) console.error(error);
  process.exit(1);
}

process.on("uncaughtException", report);
process.on("unhandledRejection", report);
