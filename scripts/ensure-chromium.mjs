// Makes sure Debian's Chromium is there for the HTML report's browser test.
// Run by `npm test` (pretest): installs the `chromium` package with apt when it
// is missing and this is root on a Debian-like machine; otherwise it says why
// the browser test will be skipped. No tool downloads a browser of its own.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
if (existsSync(CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (!isRoot || !hasApt) {
  console.warn(`linkgraph: ${CHROMIUM} is missing and cannot be installed here (${isRoot ? 'no apt-get' : 'not root'}); the HTML report's browser test will be skipped. Install Debian's \`chromium\` package to run it.`);
  process.exit(0);
}
console.log('linkgraph: installing Debian\'s chromium for the browser test (apt-get)…');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
  const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    console.warn(`linkgraph: \`apt-get ${args.join(' ')}\` failed; the browser test will fail under CI and be skipped elsewhere.`);
    process.exit(0);
  }
}
