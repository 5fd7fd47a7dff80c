/** The part of unzipper (the zip reader ExcelJS's streaming reader uses; no types of its own) we use. */
declare module "unzipper" {
  import type { Duplex, Readable } from "node:stream";
  /** One zip entry as read from its local header: the inflated bytes stream out of it. */
  export interface Entry extends Readable {
    path: string;
    autodrain(): unknown;
  }
  /** A stream that reads a zip's local headers in order and emits one Entry per file. */
  export function Parse(options?: { forceStream?: boolean }): Duplex & AsyncIterable<Entry>;
  const unzipper: { Parse: typeof Parse };
  export default unzipper;
}
