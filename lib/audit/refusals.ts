/**
 * Refused writes in the audit log (issue 14, item 9): every write refused with 403 (role,
 * scope, a cross-site call) or 404 (a forged id on a write) is recorded once, as
 * `access.denied` with the actor when known, the client address and user agent, and what was
 * refused (the action, the code, the route or server action, and for a cross-site call the
 * Origin it came from). Callers: lib/errors/present.ts (every refusal the presenter answers) and
 * app/api/security/cross-site/route.ts (cross-site server-action calls, refused by proxy.ts
 * before the app runs).
 *
 * A flood must not become an audit-log flood: per client address (the unknown address counts
 * as one) and calendar minute, the first LIMIT_REFUSALS_PER_MINUTE (lib/limits.ts; 10) refusals get a row each; the rest
 * of that minute are only counted, and one summary row (`access.denied`, entity "*", with
 * `suppressed` = how many and the minute) is written when the minute ends. At most
 * MAX_ADDRESSES addresses are tracked per minute; beyond that, new addresses share one counter
 * (entity "*", ip null). Counts are per server process (the production launcher runs one).
 */
import "server-only";
import type { AuditActor } from "@/lib/audit/write";
import { writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import { limits } from "@/lib/limits";
import { log } from "@/lib/log";

/** Rows written per client address and minute before refusals are only counted (the default of LIMIT_REFUSALS_PER_MINUTE). */
export const REFUSALS_PER_MINUTE = 10;
/** Client addresses tracked per minute before new ones share one counter. */
export const MAX_ADDRESSES = 10_000;
const OVERFLOW = "*";

/** What was refused. */
export type Refusal = {
  /** The access action or use case refused (e.g. "report.approve"), else the route. */
  action: string;
  /** The error code answered (FORBIDDEN, NOT_FOUND). */
  code: string;
  /** The server action or route (e.g. "report.submit", "POST /towns/…"). */
  where: string;
  /** The Origin (else Referer) of a cross-site call. */
  origin?: string;
};

type Minute = { minute: number; written: number; suppressed: number; ip: string | null };

/**
 * The per-address, per-minute counter; pure (time passed in) so that it can be tested alone.
 * `take` says whether a refusal gets its own row; `due` hands over (and forgets) the counts of
 * the minutes that have ended.
 */
export class RefusalThrottle {
  private readonly minutes = new Map<string, Minute>();

  constructor(
    private readonly perMinute = REFUSALS_PER_MINUTE,
    private readonly maxAddresses = MAX_ADDRESSES,
  ) {}

  /** True when this refusal gets its own row; false when it is only counted. */
  take(ip: string | null, nowMs: number): boolean {
    const minute = Math.floor(nowMs / 60_000);
    let key = ip ?? "unknown";
    if (!this.minutes.has(key) && this.minutes.size >= this.maxAddresses) key = OVERFLOW;
    let entry = this.minutes.get(key);
    if (!entry || entry.minute !== minute) {
      if (entry?.suppressed) this.ended.push(entry);
      entry = { minute, written: 0, suppressed: 0, ip: key === OVERFLOW ? null : ip };
      this.minutes.set(key, entry);
    }
    // The overflow counter never writes rows of its own: only its summary.
    if (key !== OVERFLOW && entry.written < this.perMinute) {
      entry.written++;
      return true;
    }
    entry.suppressed++;
    return false;
  }

  private ended: Minute[] = [];

  /** The counted (suppressed) refusals of every minute before `nowMs`'s, forgotten here. */
  due(nowMs: number): { ip: string | null; minute: number; suppressed: number }[] {
    const current = Math.floor(nowMs / 60_000);
    const out = this.ended.splice(0);
    for (const [key, entry] of this.minutes) {
      if (entry.minute < current) {
        this.minutes.delete(key);
        if (entry.suppressed) out.push(entry);
      }
    }
    return out.map(({ ip, minute, suppressed }) => ({ ip, minute, suppressed }));
  }
}

let shared: RefusalThrottle | undefined;
/** The process's throttle, at LIMIT_REFUSALS_PER_MINUTE (read on first use). */
const throttle = () => (shared ??= new RefusalThrottle(limits().refusalsPerMinute));
let flushTimer: NodeJS.Timeout | undefined;

/** Writes the summary rows of the minutes that have ended. */
export async function flushRefusals(nowMs = Date.now()): Promise<void> {
  for (const { ip, minute, suppressed } of throttle().due(nowMs)) {
    const at = new Date(minute * 60_000).toISOString();
    await writeAudit(
      db(),
      { id: null, username: null, client: { ip, userAgent: null } },
      "access.denied",
      "*",
      {
        after: { action: "*", code: "*", where: "*", suppressed, minute: at },
      },
    ).catch((error) =>
      log.error({ err: error }, "could not record refused requests in the audit log"),
    );
  }
}

/** Arms a timer for just after the current minute ends (once), to write its summaries. */
function scheduleFlush(nowMs: number): void {
  if (flushTimer) return;
  const wait = 60_000 - (nowMs % 60_000) + 50;
  flushTimer = setTimeout(() => {
    flushTimer = undefined;
    void flushRefusals();
  }, wait);
  flushTimer.unref?.();
}

/**
 * Records one refused write (or only counts it, see the module's note). Never throws: a
 * refusal is answered even when the audit log cannot be written (the failure is logged).
 */
export async function recordRefusal(actor: AuditActor | null, refusal: Refusal): Promise<void> {
  const now = Date.now();
  try {
    await flushRefusals(now);
    if (!throttle().take(actor?.client?.ip ?? null, now)) {
      scheduleFlush(now);
      return;
    }
    await writeAudit(db(), actor, "access.denied", refusal.action, {
      after: {
        action: refusal.action,
        code: refusal.code,
        where: refusal.where,
        ...(refusal.origin !== undefined && { origin: refusal.origin.slice(0, 200) }),
      },
    });
  } catch (error) {
    log.error({ err: error }, "could not record a refused request in the audit log");
  }
}
