// Bundles the extension client, the language server and the CLI with esbuild: one file per side.
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  define: { __AGENT_GOVERNANCE_VERSION__: JSON.stringify(pkg.version) },
  legalComments: 'none',
  // jsonc-parser's UMD entry requires files dynamically; its ESM entry bundles cleanly.
  mainFields: ['module', 'main'],
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  // The language server and the CLI are each a small launcher and a bundle it runs with V8's code cache
  // (server/src/launch/codeCache.ts).
  build({ ...common, entryPoints: ['server/src/lsp/index.ts'], outfile: 'dist/server.bundle.js' }),
  build({ ...common, entryPoints: ['server/src/cli/index.ts'], outfile: 'dist/cli.bundle.js' }),
  build({ ...common, entryPoints: ['server/src/launch/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/launch/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
chmodSync('dist/cli.js', 0o755);
// The policy file's JSON Schema (contributes.jsonValidation) is generated from the zod schema.
await (await import('./policy-schema.mjs')).writePolicySchema();
