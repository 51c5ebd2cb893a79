#!/usr/bin/env node
// The browser test needs Debian's Chromium at /usr/bin/chromium. On a fresh machine (CI) it is
// installed here with apt-get, as root; nothing is downloaded by the test tool itself.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  const root = process.getuid?.() === 0;
  const sudo = root ? [] : ['sudo', '-n'];
  console.log(`${CHROMIUM} not found: installing Debian's chromium with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['apt-get', 'update', '-qq'],
    ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium'],
  ]) {
    const [cmd, ...rest] = [...sudo, ...args];
    const run = spawnSync(cmd, rest, { stdio: 'inherit', env });
    if (run.status !== 0) {
      console.error(
        `could not install chromium (${args.join(' ')} exited ${run.status}); install it with: apt-get install chromium`,
      );
      process.exit(1);
    }
  }
}
console.log(`chromium: ${CHROMIUM}`);
