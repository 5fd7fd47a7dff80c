/** Stand-in for `server-only` in unit tests (see .config/vitest.config.ts). */
export {};
