// Starts a real `riaya serve` on a free port against a fresh SQLite file (migrated, with
// the Boujdour demo data, its story too unless told, and three test accounts), and Debian's
// Chromium through playwright-core (resolved from web/node_modules). Everything is torn down by stop().
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { deflateSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, '..', '..');
export const webDir = join(repo, 'web');
export const artifacts = join(here, 'artifacts');
const require = createRequire(join(webDir, 'package.json'));
const { chromium } = require('playwright-core');

export const PASSWORD = 'Passw0rd-long';

function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(url, child, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`riaya serve exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/readyz`); // not /healthz: it answers while migrations run
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`riaya serve did not answer /readyz within ${timeoutMs} ms`);
}

/**
 * Starts the server and the browser; answers { url, browser, stop, newContext, log }.
 * `story: false` loads the demo's registry only (`riaya demo --registry-only`), for the specs
 * that walk the diagnostic, the programme or the equipment needs from the start. `demo: false`
 * starts from the reference data alone, with the admin as its only account (a province's first run).
 */
export async function start({ story = true, demo = true } = {}) {
  const bin = resolve(webDir, process.env.RIAYA_BIN ?? '../build/riaya');
  if (!existsSync(bin)) throw new Error(`server binary not found: ${bin} (build it, or set RIAYA_BIN)`);
  const dist = join(webDir, 'dist');
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`web app not built: run "npm run build" in ${webDir}`);
  mkdirSync(artifacts, { recursive: true });

  const dir = mkdtempSync(join(tmpdir(), 'riaya-e2e-'));
  const database = `sqlite:${join(dir, 'riaya.db')}`;
  // --database goes before the sub-command: it is an option of the riaya command itself.
  const run = (...args) => execFileSync(bin, ['--database', database, ...args], { stdio: 'pipe', encoding: 'utf8' });
  /** Adds an account with the command line: `scope` is ['--territory', 'MA-BOD'], ['--association-id', '1'] or []. */
  const addUser = (username, role, scope, displayName = username) =>
    run('user', 'add', '--username', username, '--role', role, ...scope, '--password', PASSWORD, '--display-name', displayName);
  run('migrate');
  if (demo) {
    run('demo', ...(story ? [] : ['--registry-only']));
    addUser('divi', 'division', ['--territory', 'MA-BOD'], 'قسم العمل الاجتماعي');
  }
  addUser('admin', 'admin', [], 'مسؤول المعلوميات');
  if (demo) addUser('assoc1', 'association', ['--association-id', '1']);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = [];
  const server = spawn(bin, ['--database', database, 'serve', '--listen', `127.0.0.1:${port}`, '--web-root', dist], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.on('data', (d) => log.push(String(d)));
  server.stderr.on('data', (d) => log.push(String(d)));
  await waitForHealth(url, server);

  // launch() gives the browser a fresh, temporary user-data dir of its own.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

  async function stop() {
    await browser.close().catch(() => {});
    server.kill('SIGTERM');
    await new Promise((r) => {
      if (server.exitCode !== null) return r();
      const timer = setTimeout(() => {
        server.kill('SIGKILL');
        r();
      }, 5000);
      server.on('exit', () => {
        clearTimeout(timer);
        r();
      });
    });
    rmSync(dir, { recursive: true, force: true });
  }

  /** A fresh browser context (its own cookies and storage), desktop-sized unless told. */
  const newContext = (options = {}) =>
    browser.newContext({ baseURL: url, viewport: { width: 1280, height: 900 }, locale: 'ar-MA', timezoneId: 'Africa/Casablanca', ...options });

  return { url, browser, stop, newContext, log, bin, database, addUser };
}

/** Signs in through the login form; answers once the dashboard (or the password page) shows. */
export async function login(page, username, password = PASSWORD) {
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.locator('#login-password').press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** Calls the API from inside the page (its session cookie and CSRF token). */
export async function apiCall(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = await (await fetch('/api/session', { credentials: 'same-origin' })).json();
      const res = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: res.status === 204 ? null : await res.json().catch(() => null) };
    },
    { method, path, body },
  );
}

/**
 * Scores assessment `id` through the API as `page`'s user: every criterion 2 (satisfactory) unless
 * `scores` says otherwise ({code: 0 | 1 | 2 | null}); the criteria in `skip` are left as they are.
 * Answers the saved assessment (with its new version).
 */
export async function scoreAssessment(page, id, { scores = {}, skip = [], visit_date } = {}) {
  const current = await apiCall(page, 'GET', `/api/assessments/${id}`);
  assert.equal(current.status, 200, JSON.stringify(current.body));
  const answers = current.body.grid.domains.flatMap((d) => d.criteria.map((c) => c.code))
    .filter((code) => !skip.includes(code))
    .map((code) => ({ criterion_code: code, score: code in scores ? scores[code] : 2 }));
  const put = await apiCall(page, 'PUT', `/api/assessments/${id}/answers`, { version: current.body.version, answers, visit_date });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  return put.body;
}

/** Submits assessment `id` (read at `version`), then validates it as `page`'s user (the division); answers it validated. */
export async function submitAndValidate(page, id, version) {
  const submitted = await apiCall(page, 'POST', `/api/assessments/${id}/submit`, { version });
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  const validated = await apiCall(page, 'POST', `/api/assessments/${id}/validate`, { version: submitted.body.version });
  assert.equal(validated.status, 200, JSON.stringify(validated.body));
  return validated.body;
}

/** Picks the option whose text contains `text` in a <select>. */
export async function chooseOption(p, selector, text) {
  const select = p.locator(selector);
  await select.locator('option', { hasText: text }).first().waitFor({ state: 'attached' });
  const value = await select.locator('option', { hasText: text }).first().getAttribute('value');
  await select.selectOption(value);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** The CRC-32 of `bytes` (as ZIP and PNG use it). */
export function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A real PNG image of width × height pixels, in horizontal bands of the given [r, g, b] colours. */
export function pngBytes(width, height, colours) {
  const chunk = (type, data) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // RGB
  const rows = [];
  for (let y = 0; y < height; y++) {
    const [r, g, b] = colours[Math.floor((y * colours.length) / height)];
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) row.set([r, g, b], 1 + x * 3);
    rows.push(row);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

/** A zip archive of `files` ({name: string}) with stored (uncompressed) entries. */
function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An .xlsx workbook of one sheet `sheet` holding `rows` (arrays of texts), as a spreadsheet program saves one. */
export function xlsxWorkbook(sheet, rows) {
  const column = (i) => String.fromCharCode(65 + i);
  const sheetRows = rows
    .map(
      (row, r) =>
        `<row r="${r + 1}">${row
          .map((cell, c) => `<c r="${column(c)}${r + 1}" t="inlineStr"><is><t>${escape(cell)}</t></is></c>`)
          .join('')}</row>`,
    )
    .join('');
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zip({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="${escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${main}"><sheetData>${sheetRows}</sheetData></worksheet>`,
  });
}
