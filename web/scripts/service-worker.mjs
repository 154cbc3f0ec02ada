// Writes dist/sw.js, the service worker (src/sw/worker.js), with the list of files vite built
// (hashed names) as its precache list and a version that changes with any of them: a new
// build is a new worker, which the page offers to load (lib/pwa.ts). Runs after `vite build`.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(web, 'dist');

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const hash = createHash('sha256');
const files = [];
for (const file of walk(dist).sort()) {
  const path = `/${relative(dist, file).split('\\').join('/')}`;
  // The worker itself, gzip twins (the server picks them) and source maps are not precached.
  if (path === '/sw.js' || path.endsWith('.gz') || path.endsWith('.map')) continue;
  files.push(path);
  hash.update(path).update(readFileSync(file));
}
const version = hash.digest('hex').slice(0, 16);
const source = readFileSync(join(web, 'src', 'sw', 'worker.js'), 'utf8')
  .replace("'__VERSION__'", JSON.stringify(version))
  .replace("['__FILES__']", JSON.stringify(files));
writeFileSync(join(dist, 'sw.js'), source);
console.log(`service worker: ${files.length} files precached, version ${version}`);
