import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The server (riaya serve --web-root dist) serves dist/ and falls back to
// index.html for every non-/api GET; `npm run dev` proxies /api to a local server.
export default defineConfig({
  plugins: [svelte()],
  build: {
    target: 'es2020',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: true,
  },
  server: {
    proxy: {
      '/api': process.env.RIAYA_URL ?? 'http://127.0.0.1:8080',
      '/healthz': process.env.RIAYA_URL ?? 'http://127.0.0.1:8080',
    },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
  },
});
