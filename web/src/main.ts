import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { applyLanguage, initialLanguage } from './lib/i18n';
import { startRouter } from './lib/router';
import { startOfflineSync } from './lib/offline';
import { registerServiceWorker } from './lib/pwa';
import { installSessionGuard, restoreSession } from './lib/session';

installSessionGuard();
startRouter();

// The language chosen on this browser first, then who is signed in decides the first page
// (and maybe the language); a network failure here leaves the login page.
applyLanguage(initialLanguage())
  .catch(() => applyLanguage('ar'))
  .then(restoreSession)
  .catch(() => null)
  .finally(() => {
    const target = document.getElementById('app')!;
    target.textContent = '';
    mount(App, { target });
    startOfflineSync();
    registerServiceWorker();
  });
