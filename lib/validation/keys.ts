/**
 * Records whose keys come from the client (indicator id → value, item id → choices, county
 * code → target). zod's own `z.record` drops an own `__proto__` key without a word (so that it
 * cannot replace the result's prototype): a save of `{ "__proto__": … }` then parsed as an
 * empty record, answered 200, bumped the version and saved nothing (issue 14). Here such a key,
 * and every key that is not of the record's key shape, is refused with `security.badKey`
 * (a 400 VALIDATION through lib/errors/present.ts, in the user's language). Every schema of
 * lib/validation whose record keys come from the client uses `keyedRecord` with one of the key
 * shapes below (checked by lib/validation/keys.test.ts). Importable from client components.
 */
import { z } from "zod";
import { isPlainKey } from "./plain-key";

export { isPlainKey };

/** The message key of a refused record key (security catalogue). */
export const BAD_KEY = "security.badKey";

/** A database id as a record key: 1 to 2,147,483,647 (PostgreSQL's integer), no leading 0. */
export const idKey = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, BAD_KEY)
  .refine((key) => Number(key) <= 2_147_483_647, BAD_KEY);

/** A county's six-digit code (行政区划代码) as a record key. */
export const countyCodeKey = z.string().regex(/^\d{6}$/, BAD_KEY);

/**
 * A rating criterion's code as a record key (lib/validation/rating.ts): letters, digits, _ and
 * -, and never the name of a property every object has ("constructor", "toString"…), which a
 * lookup in a plain object would find.
 */
export const criterionCodeKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, BAD_KEY)
  .refine(isPlainKey, BAD_KEY);

/**
 * A record of `value` by keys of the shape `key`, refusing (with `security.badKey`, at the
 * key's path) an own `__proto__` key, which zod would silently drop, and every other key not
 * of the shape.
 */
export function keyedRecord<K extends z.ZodType<string, string>, V extends z.ZodType>(
  key: K,
  value: V,
) {
  return z.preprocess(
    (input, ctx) => {
      if (input !== null && typeof input === "object" && Object.hasOwn(input, "__proto__")) {
        ctx.addIssue({ code: "custom", message: BAD_KEY, path: ["__proto__"], input });
      }
      return input;
    },
    z.record(key, value, {
      error: (issue) => (issue.code === "invalid_key" ? BAD_KEY : undefined),
    }),
  );
}
