import * as fs from 'node:fs';

/** Debian's Chromium (or the one $CHROMIUM names), for the tests that render pages; undefined when absent. */
export function findChromium(): string | undefined {
  for (const candidate of [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}
