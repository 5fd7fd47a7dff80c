/**
 * Launchers (`npm run demo`, `npm start`, `npm test`, the database helpers) end with one clear
 * line, never a Node stack trace: an error nobody caught (also one emitted by a child process
 * or a stream) prints its first line and exits with status 1. Imported for its effect, first.
 * Set MEIZHEN_DEBUG=1 to see the stack.
 */
/** True once a server is serving (lib/cli/serve.ts): a broken request stream is then no fault. */
let serving = false;

/**
 * From now on, an uncaught "aborted" (ECONNRESET) — a request body stream that broke off,
 * which Next's forwarding of a server action to another page's worker leaves unheard (found by
 * e2e/attack.spec.ts) — is logged on one line and the server keeps serving; every other
 * uncaught error still ends the process.
 */
export function keepServingOnBrokenStreams(): void {
  serving = true;
}

/** A request's body stream that broke off (Node's IncomingMessage "aborted" error). */
function brokenStream(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.message === "aborted" &&
    (error as Error & { code?: unknown }).code === "ECONNRESET"
  );
}

function report(error: unknown): void {
  if (serving && brokenStream(error)) {
    console.error("meizhen: a request's body stream broke off (ignored, still serving)");
    return;
  }
  const text = error instanceof Error ? error.message : String(error);
  console.error(`meizhen: ${text.split("\n")[0] || "unexpected error"}`);
  if (process.env.MEIZHEN_DEBUG) console.error(error);
  process.exit(1);
}

process.on("uncaughtException", report);
process.on("unhandledRejection", report);
