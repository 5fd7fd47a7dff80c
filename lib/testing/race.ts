/**
 * The harness of the concurrency proofs (issue 14, "Prove it"): rounds of writers fired at the
 * same moment with the same expected version. Each round must have exactly one winner and
 * every other writer refused with CONFLICT (never another error); the caller checks after
 * each round that the winner's write is what is stored (no lost update).
 */
import os from "node:os";
import { AppError } from "@/lib/errors";

/** Rounds to run: PROVE_ROUNDS (the 1,000-round proof, docs/BENCHMARKS.md) or `fallback`. */
export function proveRounds(fallback = 100): number {
  const n = Number(process.env.PROVE_ROUNDS);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** A proof test's time limit: the 1,000-round runs take minutes on a loaded machine. */
export const PROVE_TIMEOUT_MS = 30 * 60_000;

/** What a set of rounds measured. */
export type RaceFigures = {
  rounds: number;
  writers: number;
  winners: number;
  conflicts: number;
  ms: number;
  load: number;
};

/**
 * Runs `rounds` rounds; in each, `writers` calls of `write(round, writer)` start together.
 * `check(round, winner, value)` runs after each round with the winning writer's index and
 * result. Prints and returns the figures.
 * @throws the first unexpected error (not an AppError CONFLICT), or when a round has not
 *   exactly one winner.
 */
export async function race<T>(
  label: string,
  options: { rounds: number; writers: number },
  write: (round: number, writer: number) => Promise<T>,
  check: (round: number, winner: number, value: T) => Promise<void>,
): Promise<RaceFigures> {
  const started = performance.now();
  let winners = 0;
  let conflicts = 0;
  for (let round = 0; round < options.rounds; round++) {
    const results = await Promise.allSettled(
      Array.from({ length: options.writers }, (_, w) => write(round, w)),
    );
    const won = results.flatMap((r, w) =>
      r.status === "fulfilled" ? [{ w, value: r.value }] : [],
    );
    for (const r of results) {
      if (r.status === "rejected") {
        if (!(r.reason instanceof AppError) || r.reason.code !== "CONFLICT") throw r.reason;
        conflicts++;
      }
    }
    if (won.length !== 1) {
      throw new Error(`${label}: round ${round} had ${won.length} winners`);
    }
    winners++;
    await check(round, won[0]!.w, won[0]!.value);
  }
  const figures = {
    rounds: options.rounds,
    writers: options.writers,
    winners,
    conflicts,
    ms: Math.round(performance.now() - started),
    load: Number(os.loadavg()[0]!.toFixed(2)),
  };
  console.log(
    `${label}: ${figures.rounds} rounds × ${figures.writers} writers → ${figures.winners} winners, ` +
      `${figures.conflicts} conflicts, 0 lost; ${figures.ms} ms (load ${figures.load})`,
  );
  return figures;
}
