import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { applyLanguage, initialLanguage } from './lib/i18n';
import { startRouter } from './lib/router';
import { installSessionGuard, restoreSession } from './lib/session';

applyLanguage(initialLanguage());
installSessionGuard();
startRouter();

// Who is signed in decides the first page; a network failure here leaves the login page.
restoreSession()
  .catch(() => null)
  .finally(() => {
    const target = document.getElementById('app')!;
    target.textContent = '';
    mount(App, { target });
  });
