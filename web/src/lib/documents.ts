// The official documents (PDF) downloaded from their page with progress: the server is asked
// for lines of JSON (Accept: application/x-ndjson), {"pages_done": n} as it lays out pages,
// then {"name", "pdf" (base64)}; nothing is kept on the server between requests, so any server
// behind the proxy answers. Aborting the request (the cancel button) closes the connection,
// and the server stops making the document. The plain link (GET without that Accept) stays
// for the CLI, curl and a right-click "save as".
import { ApiError, failure } from './api';
import { app } from './state.svelte';

export const PROGRESS_TYPE = 'application/x-ndjson';

/** A document made: the name a browser saves it under, and its bytes. */
export interface DocumentFile {
  name: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/** The bytes of base64 `text`. */
export function base64Bytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let at = 0; at < binary.length; at++) bytes[at] = binary.charCodeAt(at);
  return bytes;
}

/**
 * Reads the lines of a document asked for with progress from `body`: `onPages(n)` for each
 * {"pages_done": n}, and the file of the last line. Lines may arrive cut anywhere; each ends
 * with a line feed. Throws
 * ApiError 'server' when the answer ends without the file (the server failed midway).
 */
export async function readDocumentLines(
  body: ReadableStream<Uint8Array>,
  onPages: (pages: number) => void,
): Promise<DocumentFile> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  let file: DocumentFile | null = null;
  const take = (line: string) => {
    if (!line.trim()) return;
    const data: unknown = JSON.parse(line);
    if (typeof data !== 'object' || data === null) return;
    if ('pages_done' in data && typeof data.pages_done === 'number') onPages(data.pages_done);
    else if ('name' in data && typeof data.name === 'string' && 'pdf' in data && typeof data.pdf === 'string')
      file = { name: data.name, bytes: base64Bytes(data.pdf) };
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    pending += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = pending.indexOf('\n')) >= 0) {
      take(pending.slice(0, end));
      pending = pending.slice(end + 1);
    }
  }
  // What follows the last line feed is a line cut short: the answer ended midway.
  if (!file) throw new ApiError(500, 'server', '');
  return file;
}

/**
 * Asks for the document at `href` with progress; answers its file, or 'busy' when the server
 * makes or sends as many as it allows at once (503: the caller asks again in a moment).
 * Throws ApiError as every request does; an AbortError when `signal` aborts.
 */
export async function fetchDocument(
  href: string,
  signal: AbortSignal,
  onPages: (pages: number) => void,
): Promise<DocumentFile | 'busy'> {
  let response: Response;
  try {
    response = await fetch(href, {
      headers: { Accept: PROGRESS_TYPE, 'Accept-Language': app.lang },
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ApiError(0, 'network', '');
  }
  if (response.status === 503) return 'busy';
  if (!response.ok || !response.body) {
    let data: unknown = null;
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    throw failure(response.status, data, href);
  }
  return readDocumentLines(response.body, onPages);
}

/** Offers `blob` to the browser as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
