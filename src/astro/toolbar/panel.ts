import type { DevFinding, GraphPlace, PagePlace, PageReport } from '../toolbar-protocol.js';
import { escapeHtml, inlineCode, plural, sourceOf } from './text.js';
import { elementOf } from './outlines.js';

/** What the panel's controls do. */
export interface PanelActions {
  /** A finding was clicked: show its element. */
  select(finding: DevFinding): void;
  /** A source location was clicked: open it in the editor. */
  openSource(where: string): void;
}

const STYLE = `
.body { overflow: auto; min-height: 0; margin: 0 -8px; padding: 0 8px; }
header { display: flex; align-items: baseline; justify-content: space-between; gap: 12px; margin-bottom: 8px; }
h1 { margin: 0; font-size: 20px; color: #fff; font-weight: 600; }
h2 { margin: 16px 0 8px; font-size: 14px; color: #fff; font-weight: 600; }
.status { margin: 0; font-size: 13px; }
.status[data-level="error"] { color: #f87189; }
.status[data-level="warn"] { color: #f2c560; }
.status[data-level="ok"] { color: #6fd08c; }
ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
li.finding { border: 1px solid #343841; border-left: 3px solid #5c6370; border-radius: 6px; padding: 8px 10px; }
li.finding[data-severity="error"] { border-left-color: #e2546f; }
li.finding[data-severity="warn"] { border-left-color: #e2b13c; }
li.finding[data-severity="info"] { border-left-color: #7288f6; }
li.finding.active { background: #1e2129; }
button.show { all: unset; cursor: pointer; display: block; color: #e6e7eb; font-size: 14px; line-height: 1.4; }
button.show:focus-visible { outline: 2px solid #7288f6; outline-offset: 2px; }
.severity { text-transform: uppercase; font-size: 11px; font-weight: 600; margin-right: 6px; }
li.finding[data-severity="error"] .severity { color: #f87189; }
li.finding[data-severity="warn"] .severity { color: #f2c560; }
li.finding[data-severity="info"] .severity { color: #93a4ff; }
.meta { display: flex; flex-wrap: wrap; gap: 4px 12px; margin-top: 6px; font-size: 12px; }
.meta button, .meta a { all: unset; cursor: pointer; color: #a6b0ff; }
.meta button:hover, .meta a:hover { text-decoration: underline; }
.fix { margin-top: 4px; font-size: 13px; color: #9fe0b0; }
.cached, .hidden { margin-top: 4px; font-size: 12px; color: #8b8f9a; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.92em; color: #fff; background: #2a2d36; border-radius: 4px; padding: 0 3px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; font-size: 13px; }
dt { color: #8b8f9a; }
dd { margin: 0; color: #e6e7eb; }
.anchors li, .site-findings li, .notes li { font-size: 13px; }
.overused { color: #f2c560; font-weight: 600; }
.when, .empty { font-size: 12px; color: #8b8f9a; margin: 8px 0 0; }
`;

/** The app's window: the page's link problems, then its place in the link graph. */
export class Panel {
  readonly #actions: PanelActions;
  readonly #status: HTMLElement;
  readonly #problems: HTMLElement;
  readonly #graph: HTMLElement;
  /** The finding shown by each problem entry. */
  #entries = new Map<DevFinding, HTMLElement>();

  constructor(canvas: ShadowRoot, actions: PanelActions) {
    this.#actions = actions;
    const style = document.createElement('style');
    style.textContent = STYLE;
    const frame = document.createElement('astro-dev-toolbar-window');
    frame.placement = initialPlacement();
    frame.innerHTML = `<header><h1>linkgraph</h1><p class="status" role="status"></p></header>
<div class="body"><section class="problems" aria-label="Link problems on this page"></section><section class="graph"><h2>In the link graph</h2><div class="place"></div></section></div>`;
    canvas.append(style, frame);
    this.#status = frame.querySelector('.status')!;
    this.#problems = frame.querySelector('.problems')!;
    this.#graph = frame.querySelector('.place')!;
    this.checking();
  }

  /** Follow the toolbar when the user moves it. */
  place(placement: 'bottom-left' | 'bottom-center' | 'bottom-right'): void {
    const frame = this.#status.closest('astro-dev-toolbar-window');
    if (frame) frame.placement = placement;
  }

  /** Say that a check runs. */
  checking(): void {
    this.#status.textContent = 'Checking this page…';
    this.#status.dataset['level'] = 'pending';
  }

  /** Show a page's report. */
  render(report: PageReport): void {
    this.#entries = new Map();
    if (report.state === 'failed') {
      this.#status.textContent = 'Not checked';
      this.#status.dataset['level'] = 'warn';
      this.#problems.innerHTML = `<p class="empty">${inlineCode(report.reason)}</p>`;
    } else {
      const errors = report.findings.filter((finding) => finding.severity === 'error').length;
      const warnings = report.findings.filter((finding) => finding.severity === 'warn').length;
      const infos = report.findings.length - errors - warnings;
      const counts = [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : '', infos > 0 ? `${infos} info` : ''].filter(Boolean);
      this.#status.textContent = counts.length === 0 ? 'No link problems on this page' : `${counts.join(', ')} on this page`;
      this.#status.dataset['level'] = errors > 0 ? 'error' : warnings > 0 ? 'warn' : 'ok';
      this.#problems.replaceChildren();
      if (report.findings.length > 0) {
        const list = document.createElement('ul');
        for (const finding of report.findings) list.append(this.#entry(finding));
        this.#problems.append(list);
      }
      if (report.notes.length > 0) {
        const notes = document.createElement('ul');
        notes.className = 'notes';
        notes.innerHTML = report.notes.map((note) => `<li>${inlineCode(note)}</li>`).join('');
        this.#problems.append(notes);
      }
    }
    this.#graph.innerHTML = placeHtml(report.graph);
  }

  /** Mark the entry of the finding whose element is shown. */
  select(finding: DevFinding): void {
    for (const [shown, entry] of this.#entries) entry.classList.toggle('active', shown === finding);
  }

  #entry(finding: DevFinding): HTMLElement {
    const item = document.createElement('li');
    item.className = 'finding';
    item.dataset['severity'] = finding.severity;
    item.dataset['rule'] = finding.ruleId;
    const element = finding.element && elementOf(finding.element);
    const where = sourceOf(finding, element);
    const show = document.createElement('button');
    show.type = 'button';
    show.className = 'show';
    show.innerHTML = `<span class="severity">${finding.severity}</span> ${inlineCode(finding.message)}`;
    show.addEventListener('click', () => this.#actions.select(finding));
    item.append(show);
    if (finding.suggestions.length > 0) item.insertAdjacentHTML('beforeend', `<div class="fix">Fix: ${finding.suggestions.map((fix) => `<code>${escapeHtml(fix)}</code>`).join(' or ')}</div>`);
    if (finding.cached !== undefined) item.insertAdjacentHTML('beforeend', `<div class="cached">From the outbound check's cache of the last build (${escapeHtml(new Date(finding.cached).toLocaleString())}); outbound links are not requested in dev.</div>`);
    if (finding.element && !element) item.insertAdjacentHTML('beforeend', '<div class="hidden">Not visible on the page.</div>');
    const meta = document.createElement('div');
    meta.className = 'meta';
    if (where !== undefined) {
      const open = document.createElement('button');
      open.type = 'button';
      open.className = 'source';
      open.title = 'Open in your editor';
      open.textContent = where;
      open.addEventListener('click', () => this.#actions.openSource(where));
      meta.append(open);
    }
    meta.insertAdjacentHTML('beforeend', `<a class="rule" href="${escapeHtml(finding.docs)}" target="_blank" rel="noopener">${escapeHtml(finding.ruleId)}</a>`);
    item.append(meta);
    this.#entries.set(finding, item);
    return item;
  }
}

/**
 * Where the toolbar sits when the app starts: the author's choice (which
 * Astro keeps in local storage; the app API reports only later changes),
 * else the config's, else Astro's default.
 */
function initialPlacement(): 'bottom-left' | 'bottom-center' | 'bottom-right' {
  let chosen: unknown;
  try {
    chosen = (JSON.parse(localStorage.getItem('astro:dev-toolbar:settings') ?? '{}') as { placement?: unknown }).placement;
  } catch {
    chosen = undefined;
  }
  if (chosen === 'bottom-left' || chosen === 'bottom-center' || chosen === 'bottom-right') return chosen;
  return window.__astro_dev_toolbar__?.placement ?? 'bottom-center';
}

/** The page's place in the link graph, or how to get it. */
function placeHtml(graph: GraphPlace): string {
  if (graph.state === 'none') {
    return '<p class="empty">Run <code>astro build</code> to see this page\'s place in the link graph: its inlinks, click depth, link score, orphan status and the anchor texts other pages use for it.</p>';
  }
  const when = `<p class="when">From the last <code>astro build</code>, ${escapeHtml(new Date(graph.builtAt).toLocaleString())}.</p>`;
  if (graph.state === 'not-built') return `<p class="empty">This page was not in the last build: run <code>astro build</code> again to see its place in the link graph.</p>${when}`;
  const { place } = graph;
  return `<dl>${rows(place).map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>${anchorsHtml(place)}${siteFindingsHtml(place)}${when}`;
}

function rows(place: PagePlace): [string, string][] {
  const depth = place.entry ? '0 (an entry point)' : place.depth === null ? 'unreachable from the entry points' : plural(place.depth, 'click');
  const orphan = place.orphan ? '<span class="overused">yes</span>: no other page links here' : 'no';
  return [
    ['Inlinks', `${place.inlinks} (${place.contentInlinks} from content, ${place.templateInlinks} from templates only)`],
    ['Outlinks', String(place.outlinks)],
    ['Click depth', depth],
    ['Link score', place.score === null ? `none (${escapeHtml(place.exclusion ?? 'outside the page set')})` : `${place.score} / 100`],
    ['Orphan', orphan],
  ];
}

function anchorsHtml(place: PagePlace): string {
  if (place.anchors.length === 0) return '<h2>Anchor texts</h2><p class="empty">No content link from another page.</p>';
  const items = place.anchors.map((anchor) => `<li>“${escapeHtml(anchor.text)}” — ${plural(anchor.pages, 'page')}${anchor.overused ? ' <span class="overused">overused</span>' : ''}</li>`);
  if (place.moreAnchors > 0) items.push(`<li>and ${place.moreAnchors} more</li>`);
  return `<h2>Anchor texts others use</h2><ul class="anchors">${items.join('')}</ul>`;
}

function siteFindingsHtml(place: PagePlace): string {
  if (place.findings.length === 0) return '';
  return `<h2>Site-wide findings</h2><ul class="site-findings">${place.findings.map((finding) => `<li><span class="severity">${finding.severity}</span> ${inlineCode(finding.message)} <code>${escapeHtml(finding.ruleId)}</code></li>`).join('')}</ul>`;
}
