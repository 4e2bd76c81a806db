import { fromHtml } from 'hast-util-from-html';
import { collectPage } from '../../src/collect/collect-page.js';
import { check } from '../../src/engine/check.js';
import type { Timing } from '../../src/engine/timing.js';
import type { ExternalChecker } from '../../src/engine/external-stage.js';
import { resolveOptions, type Options } from '../../src/options.js';
import { isPageFile, urlOfFile } from '../../src/site/site-model.js';
import { normaliseBase } from '../../src/resolve/resolve-href.js';
import { isSitemapFile } from '../../src/sitemap/parse-sitemap.js';
import type { Finding, Result } from '../../src/types.js';

/**
 * A site as literal files: output path -> HTML (pages) or any string (assets).
 * Runs the real engine (collect -> graph -> rules) with no I/O.
 */
export async function runSite(
  files: Record<string, string>,
  options: Options = {},
  extra: { external?: ExternalChecker; timing?: Timing } = {},
): Promise<Result> {
  const resolved = resolveOptions(options);
  const base = normaliseBase(resolved.base);
  const pages = Object.entries(files)
    .filter(([file]) => isPageFile(file))
    .map(([file, html]) =>
      collectPage(fromHtml(html), {
        file,
        url: urlOfFile(file, base, resolved.trailingSlash),
        ...(resolved.contentSelector === undefined ? {} : { contentSelector: resolved.contentSelector }),
      }),
    );
  const sitemaps = Object.entries(files)
    .filter(([file]) => isSitemapFile(file))
    .map(([file, xml]) => ({ file, xml }));
  return check({ pages, files: Object.keys(files), options: resolved, external: extra.external, sitemaps, timing: extra.timing });
}

/** One finding as one line: `file:line:col rule-id message`. */
export function line(finding: Finding): string {
  const at = finding.position.known ? `${finding.position.start.line}:${finding.position.start.column}` : '-';
  return `${finding.file}:${at} ${finding.ruleId} ${finding.message}`;
}

/** The findings of one rule, as lines. Every other rule is switched off. */
export async function ruleLines(
  ruleId: string,
  files: Record<string, string>,
  options: Options = {},
  extra: { external?: ExternalChecker; timing?: Timing } = {},
): Promise<string[]> {
  const { rulesOff } = await import('./rules-off.js');
  const rules = { ...rulesOff(), ...(options.rules ?? {}) };
  if (!(ruleId in (options.rules ?? {}))) rules[ruleId] = 'warn';
  const result = await runSite(files, { ...options, rules }, extra);
  return result.findings.filter((finding) => finding.ruleId === ruleId).map(line);
}

/** A minimal HTML page around a body. */
export function page(body: string, head = '', lang = 'en'): string {
  return `<!doctype html><html lang="${lang}"><head><title>t</title>${head}</head><body>${body}</body></html>`;
}
