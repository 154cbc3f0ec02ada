// The download of an official document with progress: its lines read as they come, cut
// anywhere; the file of the last line; an answer cut short, a busy server and a refusal.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../src/lib/api';
import { base64Bytes, fetchDocument, readDocumentLines } from '../src/lib/documents';

/** A body that gives `text` in pieces of `size` bytes (cutting lines and characters anywhere). */
function bodyOf(text: string, size: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

const pdf = '%PDF-1.5 ٪ bytes';
const pdfBase64 = Buffer.from(pdf).toString('base64');
const lines =
  '{"pages_done":1}\n{"pages_done":2}\n{"pages_done":3}\n' +
  JSON.stringify({ name: 'تركيب-الحملة-3.pdf', pdf: pdfBase64 }) +
  '\n';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a document with progress', () => {
  it('tells each page done, then gives the file, however its lines are cut', async () => {
    for (const size of [1, 5, 17, 4096]) {
      const seen: number[] = [];
      const file = await readDocumentLines(bodyOf(lines, size), (n) => seen.push(n));
      expect(seen).toEqual([1, 2, 3]);
      expect(file.name).toBe('تركيب-الحملة-3.pdf');
      expect(new TextDecoder().decode(file.bytes)).toBe(pdf);
    }
  });

  it('is a server failure when the answer ends before the file', async () => {
    const seen: number[] = [];
    await expect(readDocumentLines(bodyOf('{"pages_done":1}\n{"pages_do', 4), (n) => seen.push(n))).rejects.toEqual(
      new ApiError(500, 'server', ''),
    );
    expect(seen).toEqual([1]);
  });

  it('decodes base64 into bytes', () => {
    expect(Array.from(base64Bytes('AAEC/w=='))).toEqual([0, 1, 2, 255]);
  });

  it('is asked for as lines of JSON, and answers busy on 503', async () => {
    const fetch = vi.fn<(path: string, init: RequestInit) => Promise<Response>>(
      async () => new Response(bodyOf(lines, 7), { status: 200 }),
    );
    vi.stubGlobal('fetch', fetch);
    const controller = new AbortController();
    const file = await fetchDocument('/api/campaigns/3/synthesis.pdf?lang=ar', controller.signal, () => {});
    expect(file).not.toBe('busy');
    const init = fetch.mock.calls[0][1];
    expect(new Headers(init.headers).get('Accept')).toBe('application/x-ndjson');
    expect(init.signal).toBe(controller.signal);

    vi.stubGlobal('fetch', async () => new Response('{"error":{"code":"busy"}}', { status: 503 }));
    expect(await fetchDocument('/x.pdf', controller.signal, () => {})).toBe('busy');
  });

  it('throws the API error of a refusal, and the abort when cancelled', async () => {
    vi.stubGlobal(
      'fetch',
      async () => new Response('{"error":{"code":"not_found","message":"Introuvable"}}', { status: 404 }),
    );
    const refused = fetchDocument('/x.pdf', new AbortController().signal, () => {});
    await expect(refused).rejects.toBeInstanceOf(ApiError);
    await expect(refused).rejects.toMatchObject({ status: 404, code: 'not_found' });

    const controller = new AbortController();
    vi.stubGlobal('fetch', async (_: string, init: RequestInit) => {
      controller.abort();
      throw init.signal?.reason;
    });
    await expect(fetchDocument('/x.pdf', controller.signal, () => {})).rejects.toMatchObject({ name: 'AbortError' });
  });
});
