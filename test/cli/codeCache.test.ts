import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { CLI } from '../helpers/lspClient';

// dist/cli.js runs the CLI bundle with V8's code cache of the last run (server/src/launch/codeCache.ts).
// The cache may only ever save time: whatever is in the cache folder, the CLI answers the same.

const APP = path.join(__dirname, '..', 'fixtures', 'lsp-app');
const nativeCache = typeof (Module as { enableCompileCache?: unknown }).enableCompileCache === 'function';
const skip = nativeCache ? 'this Node keeps compiled code itself (module.enableCompileCache)' : false;

function scan(env: Record<string, string>) {
  const r = spawnSync(process.execPath, [CLI, 'scan', APP, '--format', 'json'], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const cacheFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.v8cache')) : []);

test('the first run writes the code cache, later runs use it and answer the same', { skip }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agov-cache-'));
  const reference = scan({ AGOV_NO_COMPILE_CACHE: '1', AGOV_CACHE_DIR: dir });
  assert.equal(reference.code, 0, reference.stderr);
  assert.deepEqual(cacheFiles(dir), [], 'AGOV_NO_COMPILE_CACHE writes nothing');

  const first = scan({ AGOV_CACHE_DIR: dir });
  assert.equal(first.stdout, reference.stdout);
  const [file] = cacheFiles(dir);
  assert.match(file, /^cli\.bundle\.js-\d+-\d+-v[\d.]+-\w+\.v8cache$/);
  const written = fs.statSync(path.join(dir, file));
  assert.ok(written.size > 1_000_000, 'the cache holds the compiled bundle');
  assert.equal(written.mode & 0o077, 0, 'only the user can read or write it');

  const second = scan({ AGOV_CACHE_DIR: dir });
  assert.equal(second.code, 0, second.stderr);
  assert.equal(second.stdout, reference.stdout);
  assert.equal(fs.statSync(path.join(dir, file)).mtimeMs, written.mtimeMs, 'an accepted cache is not written again');
});

test('a corrupt cache is rejected and replaced; stale entries of other builds are removed', { skip }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agov-cache-'));
  const reference = scan({ AGOV_NO_COMPILE_CACHE: '1' });
  scan({ AGOV_CACHE_DIR: dir });
  const [file] = cacheFiles(dir);
  fs.writeFileSync(path.join(dir, file), Buffer.alloc(4096, 7));
  fs.writeFileSync(path.join(dir, 'cli.bundle.js-1-1-v0.0.0-x64.v8cache'), 'an older build');
  const after = scan({ AGOV_CACHE_DIR: dir });
  assert.equal(after.code, 0, after.stderr);
  assert.equal(after.stdout, reference.stdout);
  assert.deepEqual(cacheFiles(dir), [file]);
  assert.ok(fs.statSync(path.join(dir, file)).size > 1_000_000, 'the corrupt cache was rewritten');
});

test('a cache folder that cannot be created costs nothing but the compile', { skip }, () => {
  const blocker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'agov-cache-')), 'a-file');
  fs.writeFileSync(blocker, '');
  const reference = scan({ AGOV_NO_COMPILE_CACHE: '1' });
  const r = scan({ AGOV_CACHE_DIR: path.join(blocker, 'v8') });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, reference.stdout);
  assert.equal(r.stderr, '');
});
