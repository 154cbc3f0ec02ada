// Writes a gzip twin (file.gz) next to every .js, .css, .html and .svg in dist/,
// so the server can answer clients that accept gzip without compressing per request.
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const wanted = /\.(js|css|html|svg)$/;

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

let count = 0;
let raw = 0;
let packed = 0;
for (const file of walk(dist)) {
  if (!wanted.test(file)) continue;
  const data = readFileSync(file);
  const gz = gzipSync(data, { level: constants.Z_BEST_COMPRESSION });
  writeFileSync(`${file}.gz`, gz);
  count += 1;
  raw += data.length;
  packed += gz.length;
}
console.log(`compress: ${count} files, ${raw} bytes -> ${packed} bytes gzipped`);
