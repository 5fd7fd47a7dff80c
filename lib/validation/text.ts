/**
 * Text that PostgreSQL stores exactly as it was sent. A NUL character is refused by the
 * database (SQLSTATE 22021; lib/errors fromDatabaseError answers it after the fact) and a lone
 * UTF-16 surrogate (half of an emoji, cut) is silently stored as U+FFFD "�" — the attack pass
 * found both. The schemas' text fields refuse both up front, under the field, with the one
 * message `security.badText`. Importable from client components.
 */
import { z } from "zod";

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the text holds no NUL and no lone surrogate (see the module note). */
export function isStorableText(text: string): boolean {
  return !text.includes("\u0000") && !LONE_SURROGATE.test(text);
}

/**
 * A string schema that refuses text the database would refuse or alter (`security.badText`);
 * chain `.trim()`, `.min()`, `.max()` on it as on `z.string()`.
 */
export function storableString(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).refine(isStorableText, "security.badText");
}
