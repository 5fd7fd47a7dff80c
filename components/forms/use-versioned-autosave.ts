"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/** Where an auto-saved draft stands. */
export type SaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved" }
  | { kind: "error"; message: string }
  /** A save failed for a passing reason (network, server busy); it is tried again in `seconds`. */
  | { kind: "retrying"; seconds: number }
  /** The session is over: nothing is sent until the user signs in again (`retry()`). */
  | { kind: "signedOut" }
  /** Someone saved meanwhile; `resolvable` when their version was read (`conflict`). */
  | { kind: "conflict"; message: string; resolvable?: boolean };

/** What a draft endpoint answers: the new version (and anything else), or an error. */
type SaveAnswer = {
  version?: number;
  error?: { code: string; message: string; fields?: Record<string, string> };
} & Record<string, unknown>;

/**
 * The version someone else saved, as a draft read endpoint answers it (e.g. GET
 * /api/reports/{id}/draft): the version to save against next, whether it is still editable,
 * the draft in the form's shape, and who saved it when (ISO time; null when unknown).
 */
export type ServerDraft<T> = {
  version: number;
  editable: boolean;
  draft: T;
  savedBy: string | null;
  savedAt: string | null;
};

const DEFAULT_DELAY_MS = 1500;
/** Automatic retries of a save the server refused as busy (503/429 with Retry-After). */
const BUSY_RETRIES = 3;
/** Seconds to wait when a busy answer names no Retry-After. */
const BUSY_DEFAULT_SECONDS = 5;
/** Automatic retries after a network failure, waiting 2, 4, 8, 16, 30 s. */
const NETWORK_RETRIES = 5;
const NETWORK_MAX_SECONDS = 30;

/**
 * The tab's unsaved draft of one endpoint (sessionStorage, key `meizhen.pending:<url>`): the
 * payload and the version it was typed against. Written on every edit, rewritten when a save
 * moves the version while more is typed, removed once the server has the latest edit. It
 * survives a reload, whose page may have been rendered before the leaving page's keepalive
 * save arrived (issue 13, item 4: a reload 0.3–1.5 s after typing showed the old value).
 */
type PendingDraft = { base: number; payload: unknown; at?: number };

/** A kept draft older than this is dropped on load rather than put back (ms). */
const PENDING_MAX_AGE_MS = 60 * 60 * 1000;

const pendingKey = (url: string) => `meizhen.pending:${url}`;

function readPending(url: string): PendingDraft | null {
  try {
    const raw = window.sessionStorage.getItem(pendingKey(url));
    const pending = raw ? (JSON.parse(raw) as PendingDraft) : null;
    const fresh = pending && Date.now() - (pending.at ?? 0) < PENDING_MAX_AGE_MS;
    return fresh && typeof pending.base === "number" && pending.payload ? pending : null;
  } catch {
    return null;
  }
}

function writePending(url: string, pending: PendingDraft | null) {
  try {
    if (pending)
      window.sessionStorage.setItem(
        pendingKey(url),
        JSON.stringify({ ...pending, at: Date.now() }),
      );
    else window.sessionStorage.removeItem(pendingKey(url));
  } catch {
    // Storage full or disabled: the keepalive save on leaving still carries the draft.
  }
}

/** The Retry-After of an answer in whole seconds (≥ 1), or the default. */
function retryAfterSeconds(response: Response): number {
  const seconds = Number(response.headers.get("Retry-After"));
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : BUSY_DEFAULT_SECONDS;
}

/** True when the browser holds a session again (next-auth's session endpoint names a user). */
export async function hasSession(): Promise<boolean> {
  try {
    const response = await fetch("/api/auth/session", { cache: "no-store" });
    const session = (await response.json()) as { user?: unknown } | null;
    return Boolean(session?.user);
  } catch {
    return false;
  }
}

/**
 * Debounced auto-save of a draft through a versioned endpoint (POST `url` with the payload and
 * `expectedVersion`; 2xx `{ version, … }`, 409 when someone saved since). One save at a time
 * (the next needs the version the current one returns); when the tab is hidden or closed,
 * unsaved changes go out with a keepalive request so nothing is lost. Typed work is never
 * dropped (issue 13, item 4): every failed save keeps the draft dirty, and
 * - signed out (401): the state is `signedOut` and nothing is sent until `retry()` (after the
 *   user signed in again; also tried by itself when the window gets focus back and the
 *   browser has a session again — signed in in another tab);
 * - server busy (503 or 429 with Retry-After): tried again after the seconds it names, up to
 *   3 times, then an error (the next edit tries again);
 * - network failure (no answer, or one that is not the app's JSON): tried again after 2, 4, 8,
 *   16, 30 s, and at once when the browser is back online;
 * - stale (CONFLICT): auto-saving stops; with `currentUrl`, the version saved meanwhile is read
 *   (`conflict`) so the form can show both and save the user's choice with `resolve()`; else
 *   the form asks for a reload.
 * Field errors come back keyed by field name.
 * With `restore` and `sameDraft`, unsaved edits also survive a reload: they are kept in the
 * tab's sessionStorage until the server has them; on load they are put back (`restore`) and
 * saved against the version they were typed on. A CONFLICT whose other version holds the same
 * content (`sameDraft`: this tab's own keepalive save arrived first) is no conflict: the form
 * goes on from that version.
 *
 * @param url the draft endpoint.
 * @param initialVersion the version the page was rendered at (0 for a draft not created yet).
 * @param payload reads the current draft (from a ref: it is called at save time).
 * @param failedMessage shown when the request itself fails for good (network, 5xx).
 * @param onSaved receives each successful answer (e.g. points the server computed).
 * @param currentUrl GET → ServerDraft<T>: the version saved meanwhile, read on CONFLICT.
 * @param restore puts a draft left unsaved by a reload or a closed page back into the form.
 * @param sameDraft true when two drafts hold the same content (used on CONFLICT, see above).
 * @returns `changed()` to call after each edit, `save()` to save now (true when saved),
 *   `version()` the last saved version, `retry()` to try again now (after signing in),
 *   `conflict` (the server's version after a CONFLICT, when read) and `resolve()` to save the
 *   draft — after the form put the user's choice into it — against that version; and the
 *   save state and field errors to show.
 */
export function useVersionedAutosave<T = unknown>({
  url,
  initialVersion,
  payload,
  failedMessage,
  onSaved,
  currentUrl,
  restore,
  sameDraft,
  delayMs = DEFAULT_DELAY_MS,
}: {
  url: string;
  initialVersion: number;
  payload: () => object;
  failedMessage: string;
  onSaved?: (answer: SaveAnswer) => void;
  currentUrl?: string;
  restore?: (draft: T) => void;
  sameDraft?: (mine: T, theirs: T) => boolean;
  delayMs?: number;
}) {
  const [saveState, setSaveState] = useState<SaveState>({ kind: "idle" });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState<ServerDraft<T> | null>(null);
  const versionRef = useRef(initialVersion);
  const dirtyRef = useRef(false);
  const conflictRef = useRef<ServerDraft<T> | null | false>(false);
  const signedOutRef = useRef(false);
  const failuresRef = useRef(0);
  const inFlightRef = useRef<Promise<boolean> | null>(null);
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  const payloadRef = useRef(payload);
  const onSavedRef = useRef(onSaved);
  const sameDraftRef = useRef(sameDraft);
  const keepsPending = restore !== undefined;
  /** Keeps (or, when nothing is unsaved, drops) the tab's copy of the unsaved draft. */
  const rememberPending = useCallback(() => {
    if (!keepsPending) return;
    writePending(
      url,
      dirtyRef.current || inFlightRef.current
        ? { base: versionRef.current, payload: payloadRef.current() }
        : null,
    );
  }, [keepsPending, url]);
  const saveRef = useRef<(options?: { keepalive?: boolean }) => Promise<boolean>>(null);
  useEffect(() => {
    payloadRef.current = payload;
    onSavedRef.current = onSaved;
    sameDraftRef.current = sameDraft;
  });

  const schedule = useCallback((ms: number) => {
    if (timerRef.current) clearTimeout(timerRef.current);
    timerRef.current = setTimeout(() => void saveRef.current?.(), ms);
  }, []);

  /** A passing failure: keep the draft dirty and try again later, a few times. */
  const retryLater = useCallback(
    (seconds: number, limit: number, message: string) => {
      dirtyRef.current = true;
      failuresRef.current += 1;
      if (failuresRef.current > limit) {
        failuresRef.current = 0;
        setSaveState({ kind: "error", message });
        return;
      }
      setSaveState({ kind: "retrying", seconds });
      schedule(seconds * 1000);
    },
    [schedule],
  );

  const readConflict = useCallback(async (): Promise<ServerDraft<T> | null> => {
    if (!currentUrl) return null;
    try {
      const response = await fetch(currentUrl, { cache: "no-store" });
      if (!response.ok) return null;
      const current = (await response.json()) as ServerDraft<T>;
      return current.editable ? current : null;
    } catch {
      return null;
    }
  }, [currentUrl]);

  const send = useCallback(
    async (keepalive: boolean): Promise<boolean> => {
      setSaveState({ kind: "saving" });
      let response: Response;
      let json: SaveAnswer | null = null;
      try {
        response = await fetch(url, {
          method: "POST",
          keepalive,
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ ...payloadRef.current(), expectedVersion: versionRef.current }),
        });
        json = (await response.json().catch(() => null)) as SaveAnswer | null;
      } catch {
        retryLater(
          Math.min(2 ** (failuresRef.current + 1), NETWORK_MAX_SECONDS),
          NETWORK_RETRIES,
          failedMessage,
        );
        return false;
      }
      if (response.ok && typeof json?.version === "number") {
        versionRef.current = json.version;
        failuresRef.current = 0;
        setFieldErrors({});
        setSaveState({ kind: "saved" });
        onSavedRef.current?.(json);
        if (keepsPending)
          writePending(
            url,
            dirtyRef.current ? { base: json.version, payload: payloadRef.current() } : null,
          );
        return true;
      }
      dirtyRef.current = true;
      const code = json?.error?.code;
      if (response.status === 401 || code === "UNAUTHENTICATED") {
        signedOutRef.current = true;
        setSaveState({ kind: "signedOut" });
        return false;
      }
      if (response.status === 503 || response.status === 429) {
        retryLater(
          retryAfterSeconds(response),
          BUSY_RETRIES,
          json?.error?.message ?? failedMessage,
        );
        return false;
      }
      if (!json?.error) {
        // Not the app's answer (a proxy's error page): as if the network failed.
        retryLater(
          Math.min(2 ** (failuresRef.current + 1), NETWORK_MAX_SECONDS),
          NETWORK_RETRIES,
          failedMessage,
        );
        return false;
      }
      failuresRef.current = 0;
      if (code === "CONFLICT") {
        conflictRef.current = null;
        setSaveState({ kind: "conflict", message: json.error.message });
        const current = await readConflict();
        const same = sameDraftRef.current;
        if (current && same?.(payloadRef.current() as T, current.draft)) {
          // The other version is this very draft (our own keepalive save from before a reload).
          conflictRef.current = false;
          versionRef.current = current.version;
          setSaveState({ kind: "saved" });
          if (keepsPending)
            writePending(
              url,
              dirtyRef.current ? { base: current.version, payload: payloadRef.current() } : null,
            );
          return true;
        }
        conflictRef.current = current;
        setConflict(current);
        if (current)
          setSaveState({ kind: "conflict", message: json.error.message, resolvable: true });
      } else {
        setFieldErrors(json.error.fields ?? {});
        setSaveState({ kind: "error", message: json.error.message });
      }
      return false;
    },
    [failedMessage, keepsPending, readConflict, retryLater, url],
  );

  const save = useCallback(
    async ({ keepalive = false }: { keepalive?: boolean } = {}): Promise<boolean> => {
      if (timerRef.current) clearTimeout(timerRef.current);
      while (inFlightRef.current) await inFlightRef.current;
      if (conflictRef.current !== false || signedOutRef.current) return false;
      if (!dirtyRef.current) return true;
      dirtyRef.current = false;
      const request = send(keepalive);
      inFlightRef.current = request;
      try {
        return await request;
      } finally {
        inFlightRef.current = null;
      }
    },
    [send],
  );
  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  const changed = useCallback(() => {
    dirtyRef.current = true;
    rememberPending();
    schedule(delayMs);
  }, [delayMs, rememberPending, schedule]);

  // On load: a draft this tab left unsaved (reload, closed page) goes back into the form and is
  // saved against the version it was typed on (a CONFLICT sorts out whether it arrived after all).
  const restoreRef = useRef(restore);
  useEffect(() => {
    const pending = restoreRef.current ? readPending(url) : null;
    if (!pending) return;
    restoreRef.current?.(pending.payload as T);
    versionRef.current = pending.base;
    dirtyRef.current = true;
    schedule(0);
  }, [schedule, url]);

  const retry = useCallback((): Promise<boolean> => {
    signedOutRef.current = false;
    failuresRef.current = 0;
    return save();
  }, [save]);

  const resolve = useCallback((): Promise<boolean> => {
    const current = conflictRef.current;
    if (!current) return Promise.resolve(false);
    versionRef.current = current.version;
    conflictRef.current = false;
    setConflict(null);
    dirtyRef.current = true;
    return save();
  }, [save]);

  useEffect(() => {
    // Leaving the page: send what is unsaved with keepalive (it outlives the page).
    const flush = () => {
      rememberPending();
      if (dirtyRef.current && !inFlightRef.current) void save({ keepalive: true });
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") flush();
    };
    // Back from another tab (maybe signed in there) or back online: try again now.
    const onFocus = async () => {
      if (signedOutRef.current && (await hasSession())) void retry();
    };
    const onOnline = () => {
      if (failuresRef.current > 0) void save();
    };
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("focus", onFocus);
    window.addEventListener("online", onOnline);
    return () => {
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("focus", onFocus);
      window.removeEventListener("online", onOnline);
      if (timerRef.current) clearTimeout(timerRef.current);
    };
  }, [rememberPending, retry, save]);

  return {
    saveState,
    fieldErrors,
    changed,
    save,
    retry,
    conflict,
    resolve,
    version: () => versionRef.current,
  };
}
