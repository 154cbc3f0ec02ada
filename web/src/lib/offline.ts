// Offline assessments (issue 17): what an assessor takes offline, kept in this browser's
// IndexedDB ("riaya-offline"), and the sync that sends it back. Stores:
//   assessments  {id, user_id, taken_at, record (GET /api/assessments/{id}), institution}
//   changes      the answers changed and not yet saved (lib/sync.ts Change), one per criterion
//   photos       evidence picked offline {key, user_id, assessment_id, criterion_code, file_name, type, blob}
//   session      the signed-in session, to open the app with no network
// The sync (on start, on the browser's "online" event, after each change made online) sends
// each assessment's waiting changes answer by answer with their base version, keeps every
// conflict or refusal for the user to see, then uploads the photos, then refreshes the copies.
// Nothing here is cached by the service worker: only what "take offline" stores.
import { ApiError, get, post, upload, withQuery } from './api';
import type { Assessment } from './assessments';
import { checkUpload } from './files';
import type { SessionAnswer } from './session';
import { app } from './state.svelte';
import { applyReply, changeKey, edited, isWaiting, resolved, syncBodies, type Change, type SyncReply } from './sync';
import type { Page, Record } from './types';

export interface OfflineAssessment {
  id: number;
  user_id: number;
  taken_at: string;
  record: Assessment;
  institution: Record | null;
}

export interface QueuedPhoto {
  key?: number;
  user_id: number;
  assessment_id: number;
  criterion_code: string;
  file_name: string;
  type: string;
  blob: Blob;
  /** Why the server refused it, once it did (kept until discarded). */
  error?: string;
}

/** What each store holds: the rows as this module puts them (it is their only writer). */
interface Stores {
  assessments: OfflineAssessment;
  changes: Change;
  photos: QueuedPhoto;
  session: { key: 'session'; answer: SessionAnswer | null };
}
type StoreName = keyof Stores;

let opened: Promise<IDBDatabase> | null = null;

function database(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open('riaya-offline', 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore('assessments', { keyPath: 'id' });
      db.createObjectStore('changes', { keyPath: 'key' }).createIndex('assessment', 'assessment_id');
      db.createObjectStore('photos', { keyPath: 'key', autoIncrement: true }).createIndex(
        'assessment',
        'assessment_id',
      );
      db.createObjectStore('session', { keyPath: 'key' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opened;
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function committed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

async function store(name: StoreName, mode: IDBTransactionMode = 'readonly'): Promise<IDBObjectStore> {
  return (await database()).transaction(name, mode).objectStore(name);
}

/** The row of store `name` whose key is `key`, if any. */
async function read<N extends StoreName>(name: N, key: IDBValidKey): Promise<Stores[N] | undefined> {
  return done((await store(name)).get(key));
}

async function all<N extends StoreName>(name: N): Promise<Stores[N][]> {
  return done((await store(name)).getAll());
}

async function byAssessment<N extends 'changes' | 'photos'>(name: N, id: number): Promise<Stores[N][]> {
  return done((await store(name)).index('assessment').getAll(id));
}

const mine = <T extends { user_id: number }>(items: T[]) => items.filter((x) => x.user_id === app.user?.id);

// --- the session --------------------------------------------------------------------------

/** Keeps the session's answer, so that the app opens with no network (session.ts). */
export async function keepSession(answer: SessionAnswer | null): Promise<void> {
  const row: Stores['session'] = { key: 'session', answer };
  await done((await store('session', 'readwrite')).put(row));
}

/** The session kept by the last "take offline", if any. */
export async function keptSession(): Promise<SessionAnswer | null> {
  try {
    return (await read('session', 'session'))?.answer ?? null;
  } catch {
    return null;
  }
}

export async function forgetSession(): Promise<void> {
  await done((await store('session', 'readwrite')).delete('session'));
}

// --- taking assessments offline -----------------------------------------------------------

async function keepCopy(record: Assessment, institution: Record | null): Promise<void> {
  const copy: OfflineAssessment = {
    id: record.id,
    user_id: app.user?.id ?? 0,
    taken_at: new Date().toISOString(),
    record,
    institution,
  };
  await done((await store('assessments', 'readwrite')).put(copy));
}

/**
 * Takes the user's assignments that may still be filled (draft or returned) offline: each
 * assessment with its grid and answers, and its institution's details. Answers how many.
 */
export async function takeOffline(session: SessionAnswer | null): Promise<number> {
  const taken: Assessment[] = [];
  for (const status of ['draft', 'returned']) {
    const page = await get<Page<Record>>(withQuery('/api/assessments', { status, page_size: 200 }));
    for (const item of page.items) taken.push(await get<Assessment>(`/api/assessments/${item.id}`));
  }
  for (const record of taken) {
    const institution = await get<Record>(`/api/institutions/${record.institution_id}`).catch(() => null);
    await keepCopy(record, institution);
  }
  await keepSession(session);
  await countWaiting();
  return taken.length;
}

/** The user's assessments taken offline. */
export async function offlineAssessments(): Promise<OfflineAssessment[]> {
  return mine(await all('assessments'));
}

export async function offlineCopy(id: number): Promise<OfflineAssessment | null> {
  const copy = await read('assessments', id);
  return copy && copy.user_id === app.user?.id ? copy : null;
}

/** Replaces the stored copy with the server's assessment (after a load or a sync). */
export async function refreshCopy(record: Assessment): Promise<void> {
  const copy = await offlineCopy(record.id);
  if (copy) await keepCopy(record, copy.institution);
}

// --- changes and photos -------------------------------------------------------------------

export async function changesOf(id: number): Promise<Change[]> {
  return mine(await byAssessment('changes', id));
}

export async function photosOf(id: number): Promise<QueuedPhoto[]> {
  return mine(await byAssessment('photos', id));
}

/** Records an answer changed in an assessment taken offline; synced at once when online. */
export async function recordAnswer(
  id: number,
  code: string,
  value: { score: number | null; comment: string | null },
): Promise<void> {
  const copy = await offlineCopy(id);
  if (!copy || !app.user) return;
  const previous = await read('changes', changeKey(id, code));
  const saved = copy.record.answers.find((a) => a.criterion_code === code);
  const change = edited(
    previous,
    {
      user_id: app.user.id,
      assessment_id: id,
      criterion_code: code,
      base_version: saved?.version ?? 0,
      base_status: copy.record.status,
    },
    value,
  );
  await done((await store('changes', 'readwrite')).put(change));
  await countWaiting();
  if (app.online) void syncAll();
}

/**
 * Keeps a photo (or PDF) picked for a criterion, checked as an upload is; sent after the
 * answers. Answers the check's refusal, or null.
 */
export async function queuePhoto(id: number, code: string, file: File): Promise<'too_large' | 'unsupported' | null> {
  const problem = checkUpload(file);
  if (problem || !app.user) return problem;
  const photo: QueuedPhoto = {
    user_id: app.user.id,
    assessment_id: id,
    criterion_code: code,
    file_name: file.name,
    type: file.type || 'application/octet-stream',
    blob: file,
  };
  await done((await store('photos', 'readwrite')).add(photo));
  await countWaiting();
  if (app.online) void syncAll();
  return null;
}

/** The user's choice in the conflict view (lib/sync.ts resolved), then a sync. */
export async function resolveConflict(change: Change, choice: 'mine' | 'theirs'): Promise<void> {
  const next = resolved(change, choice);
  const changes = await store('changes', 'readwrite');
  if (next) await done(changes.put(next));
  else await done(changes.delete(change.key));
  await countWaiting();
  if (app.online) void syncAll();
}

/** Drops a refused change or photo, after the user read why. */
export async function discard(item: Change | QueuedPhoto): Promise<void> {
  if ('blob' in item) await done((await store('photos', 'readwrite')).delete(item.key!));
  else await done((await store('changes', 'readwrite')).delete(item.key));
  await countWaiting();
}

/** Counts the user's changes and photos not yet saved, for the header's badge. */
export async function countWaiting(): Promise<number> {
  try {
    app.waitingChanges = mine(await all('changes')).length + mine(await all('photos')).length;
  } catch {
    app.waitingChanges = 0;
  }
  return app.waitingChanges;
}

// --- the sync -----------------------------------------------------------------------------

let running: Promise<void> | null = null;
let again = false;

/** Sends every waiting change, then every photo; one sync at a time (a call during one runs it again after). */
export function syncAll(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    try {
      do {
        again = false;
        await syncOnce();
      } while (again && app.online);
    } finally {
      running = null;
      app.syncRound += 1;
      await countWaiting();
    }
  })();
  return running;
}

async function syncOnce(): Promise<void> {
  if (!app.user) return;
  const changes = mine(await all('changes'));
  const ids = [...new Set([...changes.map((c) => c.assessment_id), ...(await offlineAssessments()).map((a) => a.id)])];
  for (const id of ids) {
    const waiting = changes.filter((c) => c.assessment_id === id && isWaiting(c));
    try {
      for (const body of syncBodies(waiting)) {
        const reply = await sendSync(id, body);
        const sent = waiting.filter((c) => c.base_status === body.base_status);
        const { done: finished, kept, saved } = applyReply(sent, reply);
        const writes = await store('changes', 'readwrite');
        for (const change of finished) writes.delete(change.key);
        for (const change of kept) writes.put(change);
        await committed(writes.transaction);
        const copy = await offlineCopy(id);
        if (copy && saved.length) {
          const answers = new Map(copy.record.answers.map((a) => [a.criterion_code, a]));
          for (const answer of saved) answers.set(answer.criterion_code, answer);
          await keepCopy({ ...copy.record, answers: [...answers.values()] }, copy.institution);
        }
      }
      // Photos once the assessment's answers are through (a refused one stays, with its reason).
      if (!(await changesOf(id)).some(isWaiting)) await uploadPhotos(id);
      if (await offlineCopy(id)) {
        const record = await get<Assessment>(`/api/assessments/${id}`);
        const settled = !(await changesOf(id)).length && !(await photosOf(id)).length;
        // Submitted or validated with nothing left to send: no longer worth keeping offline.
        if (settled && record.status !== 'draft' && record.status !== 'returned')
          await done((await store('assessments', 'readwrite')).delete(id));
        else await refreshCopy(record);
      }
    } catch (e) {
      if (e instanceof ApiError && e.status === 0) {
        app.online = false;
        return; // the network went away: everything stays for the next sync
      }
      // The assessment is gone for this user (404 on its refresh): its copy goes, changes stay shown.
      if (e instanceof ApiError && e.status === 404) {
        await done((await store('assessments', 'readwrite')).delete(id));
        continue;
      }
      throw e;
    }
  }
}

/** One sync request; an assessment gone or out of reach answers 404 with a refusal per answer. */
async function sendSync(id: number, body: ReturnType<typeof syncBodies>[number]): Promise<SyncReply> {
  try {
    return await post<SyncReply>(`/api/assessments/${id}/answers/sync`, body);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && e.details.results)
      return { assessment: null, results: e.details.results };
    throw e;
  }
}

async function uploadPhotos(id: number): Promise<void> {
  for (const photo of await photosOf(id)) {
    if (photo.error) continue;
    const path = withQuery(`/api/assessments/${id}/evidence`, {
      criterion_code: photo.criterion_code,
      file_name: photo.file_name,
    });
    try {
      await upload('POST', path, photo.blob, photo.type);
      await done((await store('photos', 'readwrite')).delete(photo.key!));
    } catch (e) {
      if (!(e instanceof ApiError) || e.status === 0 || e.status >= 500) throw e;
      await done((await store('photos', 'readwrite')).put({ ...photo, error: e.message || e.code }));
    }
  }
}

/** Follows the network: a sync when it comes back, and once now. */
export function startOfflineSync(): void {
  app.online = navigator.onLine;
  window.addEventListener('online', () => {
    app.online = true;
    void syncAll().catch(() => {});
  });
  window.addEventListener('offline', () => {
    app.online = false;
  });
  void countWaiting().then(() => {
    if (app.online && app.user) void syncAll().catch(() => {});
  });
}
