/**
 * The header a route handler sets to give a streamed body's length (bytes). Next drops
 * Content-Length from route handlers' responses (next/dist/server/send-response.js: the body
 * may have been decoded on its way), so a streamed download would reach the browser without it
 * and show no progress or size; the app server (lib/server/http-server.ts) turns this header
 * back into Content-Length as the response head is sent. Behind plain `next start` the header
 * is simply dropped by nothing and ignored by browsers.
 */
export const STREAM_LENGTH_HEADER = "x-meizhen-content-length";
