// The service worker (src/sw/worker.js, built into dist/sw.js): registered once the app is up.
// When a new version is installed while an older one serves the page, app.updateReady shows
// the "new version" banner; its button (reloadToUpdate) lets the new worker take over, and the
// page reloads as soon as it does, so that no page runs the old code against the new server.
import { app } from './state.svelte';

let waiting: ServiceWorker | null = null;

function offer(worker: ServiceWorker | null) {
  if (!worker || !navigator.serviceWorker.controller) return; // the first install: nothing to replace
  waiting = worker;
  app.updateReady = true;
}

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (reloading || !app.updateReady) return;
    reloading = true;
    window.location.reload();
  });
  navigator.serviceWorker
    .register('/sw.js')
    .then((registration) => {
      offer(registration.waiting);
      registration.addEventListener('updatefound', () => {
        const installing = registration.installing;
        installing?.addEventListener('statechange', () => {
          if (installing.state === 'installed') offer(installing);
        });
      });
      // A long-open page looks for a new version now and then (and on each return online).
      setInterval(() => void registration.update().catch(() => {}), 30 * 60 * 1000);
      window.addEventListener('online', () => void registration.update().catch(() => {}));
    })
    .catch(() => {});
}

/** The banner's button: the new version takes over and the page reloads. */
export function reloadToUpdate(): void {
  if (waiting) waiting.postMessage('take-over');
  else window.location.reload();
}
