"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/** Where an auto-saved draft stands. */
export type SaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved" }
  | { kind: "error"; message: string }
  | { kind: "conflict"; message: string };

/** What a draft endpoint answers: the new version (and anything else), or an error. */
type SaveAnswer = {
  version?: number;
  error?: { code: string; message: string; fields?: Record<string, string> };
} & Record<string, unknown>;

const DEFAULT_DELAY_MS = 1500;

/**
 * Debounced auto-save of a draft through a versioned endpoint (POST `url` with the payload and
 * `expectedVersion`; 2xx `{ version, … }`, 409 when someone saved since). One save at a time
 * (the next needs the version the current one returns); when the tab is hidden or closed,
 * unsaved changes go out with a keepalive request so nothing is lost; a stale save (CONFLICT)
 * stops auto-saving and the form asks for a reload. Field errors come back keyed by field name.
 *
 * @param url the draft endpoint.
 * @param initialVersion the version the page was rendered at (0 for a draft not created yet).
 * @param payload reads the current draft (from a ref: it is called at save time).
 * @param failedMessage shown when the request itself fails (network, 5xx without a message).
 * @param onSaved receives each successful answer (e.g. points the server computed).
 * @returns `changed()` to call after each edit, `save()` to save now (true when saved),
 *   `version()` the last saved version, and the save state and field errors to show.
 */
export function useVersionedAutosave({
  url,
  initialVersion,
  payload,
  failedMessage,
  onSaved,
  delayMs = DEFAULT_DELAY_MS,
}: {
  url: string;
  initialVersion: number;
  payload: () => object;
  failedMessage: string;
  onSaved?: (answer: SaveAnswer) => void;
  delayMs?: number;
}) {
  const [saveState, setSaveState] = useState<SaveState>({ kind: "idle" });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const versionRef = useRef(initialVersion);
  const dirtyRef = useRef(false);
  const conflictRef = useRef(false);
  const inFlightRef = useRef<Promise<boolean> | null>(null);
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  const payloadRef = useRef(payload);
  const onSavedRef = useRef(onSaved);
  useEffect(() => {
    payloadRef.current = payload;
    onSavedRef.current = onSaved;
  });

  const body = useCallback(
    () => JSON.stringify({ ...payloadRef.current(), expectedVersion: versionRef.current }),
    [],
  );

  const save = useCallback(async (): Promise<boolean> => {
    if (timerRef.current) clearTimeout(timerRef.current);
    while (inFlightRef.current) await inFlightRef.current;
    if (conflictRef.current) return false;
    if (!dirtyRef.current) return true;
    dirtyRef.current = false;
    const request = (async () => {
      setSaveState({ kind: "saving" });
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: body(),
        });
        const json = (await response.json()) as SaveAnswer;
        if (response.ok && typeof json.version === "number") {
          versionRef.current = json.version;
          setFieldErrors({});
          setSaveState({ kind: "saved" });
          onSavedRef.current?.(json);
          return true;
        }
        const error = json.error ?? { code: "INTERNAL", message: failedMessage };
        if (error.code === "CONFLICT") {
          conflictRef.current = true;
          setSaveState({ kind: "conflict", message: error.message });
        } else {
          dirtyRef.current = true;
          setFieldErrors(error.fields ?? {});
          setSaveState({ kind: "error", message: error.message });
        }
        return false;
      } catch {
        dirtyRef.current = true;
        setSaveState({ kind: "error", message: failedMessage });
        return false;
      }
    })();
    inFlightRef.current = request;
    try {
      return await request;
    } finally {
      inFlightRef.current = null;
    }
  }, [body, failedMessage, url]);

  const changed = useCallback(() => {
    dirtyRef.current = true;
    if (timerRef.current) clearTimeout(timerRef.current);
    timerRef.current = setTimeout(() => void save(), delayMs);
  }, [delayMs, save]);

  useEffect(() => {
    // Leaving the page: send what is unsaved with keepalive (it outlives the page).
    const flush = () => {
      if (!dirtyRef.current || conflictRef.current) return;
      dirtyRef.current = false;
      void fetch(url, {
        method: "POST",
        keepalive: true,
        headers: { "Content-Type": "application/json" },
        body: body(),
      });
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") flush();
    };
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onVisibility);
      if (timerRef.current) clearTimeout(timerRef.current);
    };
  }, [body, url]);

  return {
    saveState,
    fieldErrors,
    changed,
    save,
    version: () => versionRef.current,
  };
}
