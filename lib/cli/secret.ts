/**
 * NEXTAUTH_SECRET for local runs: when none is set and the app runs on the embedded database,
 * a random secret is created once and kept in `.data/nextauth-secret` (mode 600), so sessions
 * survive restarts. Production deployments set NEXTAUTH_SECRET themselves.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Returns the persisted local secret, creating it on first use. */
export function localSecret(): string {
  const file = path.join(process.cwd(), ".data", "nextauth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
