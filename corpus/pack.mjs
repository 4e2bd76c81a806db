#!/usr/bin/env node
/**
 * Pack a built site into the corpus: `node corpus/pack.mjs <built-dir> <site-id>`.
 *
 * Writes `corpus/sites/<site-id>/site.tar.gz`, made reproducibly:
 * - pages, sitemaps and robots files keep their content (`.html`, `.htm`,
 *   `.xhtml`, `.xml`, `.txt`); every other file becomes an empty placeholder,
 *   since only its existence matters to a link check;
 * - a symbolic link inside the site stays as it is; one that leaves the site
 *   (as Debian's packages link jQuery to /usr/share/javascript, installed
 *   by the package's dependencies) is stored pointing at
 *   `/__outside__/<its path from the site's root, each `..` written `up`>`,
 *   and the corpus runner gives it a placeholder target outside the
 *   extracted site, so the link still leaves the output folder, as it does
 *   where the site is deployed.
 */
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, copyFileSync, writeFileSync, symlinkSync, existsSync, realpathSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const KEEP = /\.(?:html?|xhtml|xml|txt)$/i;
const [built, id] = process.argv.slice(2);
if (!built || !id || !/^[a-z0-9-]+$/.test(id)) {
  console.error('usage: node corpus/pack.mjs <built-dir> <site-id (a-z, 0-9, -)>');
  process.exit(2);
}
const root = realpathSync(built);
const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, 'sites', id);
const stage = mkdtempSync(path.join(os.tmpdir(), 'corpus-pack-'));
const tree = path.join(stage, 'site');
let pages = 0;
let placeholders = 0;
let outside = 0;

function walk(relative) {
  const from = path.join(root, relative);
  const to = path.join(tree, relative);
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const name = path.join(relative, entry.name);
    const source = path.join(root, name);
    const target = path.join(tree, name);
    const stat = lstatSync(source);
    if (stat.isSymbolicLink()) {
      const link = readlinkSync(source);
      const resolved = path.resolve(path.dirname(source), link);
      const inside = resolved === root || resolved.startsWith(root + path.sep);
      if (inside) symlinkSync(link, target);
      else {
        const fromRoot = path.relative(root, resolved).split(path.sep).map((part) => (part === '..' ? 'up' : part));
        symlinkSync(`/__outside__/${fromRoot.join('/')}`, target);
        outside++;
      }
    } else if (stat.isDirectory()) walk(name);
    else if (stat.isFile()) {
      if (KEEP.test(entry.name)) {
        copyFileSync(source, target);
        if (/\.(?:html?|xhtml)$/i.test(entry.name)) pages++;
      } else {
        writeFileSync(target, '');
        placeholders++;
      }
    }
  }
}

walk('.');
mkdirSync(outDir, { recursive: true });
const archive = path.join(outDir, 'site.tar.gz');
const tar = spawnSync('tar', ['--sort=name', '--mtime=@0', '--owner=0', '--group=0', '--numeric-owner', '-C', stage, '-cf', '-', 'site'], { maxBuffer: 1 << 30 });
if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`);
const gzip = spawnSync('gzip', ['-9n'], { input: tar.stdout, maxBuffer: 1 << 30 });
if (gzip.status !== 0) throw new Error(`gzip failed: ${gzip.stderr}`);
writeFileSync(archive, gzip.stdout);
rmSync(stage, { recursive: true, force: true });
console.log(`${id}: ${pages} pages, ${placeholders} placeholder files, ${outside} links leaving the site; ${(statSync(archive).size / 1024).toFixed(0)} KiB -> ${path.relative(process.cwd(), archive)}`);
if (!existsSync(path.join(outDir, 'site.json'))) console.log(`now write ${path.join(outDir, 'site.json')} (see corpus/README.md)`);
