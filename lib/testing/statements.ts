/**
 * Counts the SQL statements (round trips to PostgreSQL) that a piece of server code issues,
 * for tests that bound the statements of a page or a write. It wraps `pg.Client#query`, which
 * every query of the app's Prisma client goes through (the pg driver adapter, transactions'
 * BEGIN/COMMIT included), so it sees exactly what the database sees. Not reentrant: run one
 * measurement at a time (a test file's tests run one after another).
 */
import pg from "pg";

/** What a measured call did: its result, how many statements it sent, and their text. */
export type Measured<T> = { result: T; count: number; statements: string[] };

/**
 * Runs `fn` and counts the statements sent while it runs (by any pg client of this process).
 * @returns the result, the count, and each statement's SQL (whitespace collapsed).
 */
export async function countStatements<T>(fn: () => Promise<T>): Promise<Measured<T>> {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const statements: string[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const config = args[0] as string | { text?: string } | undefined;
    const text = typeof config === "string" ? config : (config?.text ?? "");
    statements.push(text.replace(/\s+/g, " ").trim());
    return original.apply(this, args);
  };
  try {
    const result = await fn();
    return { result, count: statements.length, statements };
  } finally {
    proto.query = original;
  }
}
