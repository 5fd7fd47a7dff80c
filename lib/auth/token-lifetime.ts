/**
 * API token lifetimes (browser-safe constants; lib/auth/api-tokens.ts enforces them): the
 * choices offered at creation (days), the longest a year, 90 days unless another is chosen.
 */

/** The lifetimes a token may be given (days). */
export const TOKEN_LIFETIME_DAYS = [30, 90, 180, 365] as const;

/** The lifetime chosen unless another is (days). */
export const DEFAULT_TOKEN_LIFETIME_DAYS = 90;
