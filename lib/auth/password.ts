/**
 * Password hashing with Argon2id (@node-rs/argon2, OWASP's first choice for password storage).
 * Parameters are the library defaults (m = 19 MiB, t = 2, p = 1), which match OWASP's
 * minimum recommendation; the encoded hash carries them, so they can be raised later.
 */
import { hash, verify } from "@node-rs/argon2";

/** Hashes a plain-text password; returns the PHC-encoded string (`$argon2id$...`). */
export function hashPassword(plain: string): Promise<string> {
  return hash(plain);
}

/** True when `plain` matches the stored PHC hash; false (never throws) on a malformed hash. */
export async function verifyPassword(storedHash: string, plain: string): Promise<boolean> {
  try {
    return await verify(storedHash, plain);
  } catch {
    return false;
  }
}
