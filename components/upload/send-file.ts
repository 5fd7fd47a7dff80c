/**
 * Sending a file from the browser (issue 14, parts 4 and 10): the file is checked against the
 * server's limit first (lib/domain/upload.ts; nothing is sent when it is too large or of a
 * refused type), and an upload that breaks off (network gone, server gone, an answer that is
 * not the server's JSON) ends with a message in the user's language, never silence.
 */
import { checkBeforeUpload, type BrowserFileLimit } from "@/lib/domain/upload";

/** The outcome: the server's JSON on success, else a message and the row messages if any. */
export type SendResult =
  { ok: true; data: unknown } | { ok: false; message: string; rows: string[]; sent: boolean };

/**
 * Checks `file` against `limit`, then POSTs `form` (which holds the file) to `url`.
 * @param t the root translator (`useTranslations()`), for `upload.*` messages.
 */
export async function sendFile(
  url: string,
  form: FormData,
  file: File,
  limit: BrowserFileLimit,
  t: (key: string, values?: Record<string, string>) => string,
): Promise<SendResult> {
  const refusal = checkBeforeUpload(file, limit);
  if (refusal) return { ok: false, message: t(refusal.key, refusal.values), rows: [], sent: false };
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", body: form });
  } catch {
    return { ok: false, message: t("upload.interrupted"), rows: [], sent: true };
  }
  type Body = { error?: { message?: string; rows?: string[] } };
  const json = await response.json().then(
    (body: unknown) => body as Body | null,
    () => null,
  );
  if (response.ok && json) return { ok: true, data: json };
  return {
    ok: false,
    message: json?.error?.message ?? t("upload.interrupted"),
    rows: json?.error?.rows ?? [],
    sent: true,
  };
}
