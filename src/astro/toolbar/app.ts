/**
 * linkgraph's app in Astro's dev toolbar (runs in the browser, loaded by
 * Vite). It asks the dev server to check the page once the page has loaded
 * and the browser is idle, or at once when opened; shows the page's link
 * problems and its place in the last build's link graph; outlines problem
 * links while open; and checks again after an edit.
 */
import { defineToolbarApp } from 'astro/toolbar';
import { APP_ID, EVENTS, type CheckRequest, type DevFinding, type PageReport } from '../toolbar-protocol.js';
import { Outlines } from './outlines.js';
import { Panel } from './panel.js';
import { plural } from './text.js';

/** Session key that keeps the app open across the reloads an edit causes. */
const OPEN_KEY = 'linkgraph:dev-toolbar:open';

/** Longest wait for an idle browser before the first check runs anyway. */
const IDLE_TIMEOUT_MS = 5000;

/** Quiet time after an edit before checking again. */
const RECHECK_MS = 250;

export default defineToolbarApp({
  init(canvas, app, server) {
    let open = false;
    let report: PageReport | undefined;
    let asked: string | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const outlines = new Outlines(canvas);
    const panel = new Panel(canvas, {
      select(finding: DevFinding) {
        panel.select(finding);
        outlines.focus(finding);
      },
      openSource(where: string) {
        // Vite's own endpoint, which Astro's Audit app uses too.
        const root = window.__astro_dev_toolbar__?.root ?? '';
        void fetch(`/__open-in-editor?file=${encodeURIComponent(`${root}${where}`)}`);
      },
    });

    const check = (): void => {
      clearTimeout(timer);
      asked = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
      if (open) panel.checking();
      server.send<CheckRequest>(EVENTS.check, { id: asked, path: `${location.pathname}${location.search}` });
    };
    const checkSoon = (): void => {
      clearTimeout(timer);
      timer = setTimeout(check, RECHECK_MS);
    };

    server.on<PageReport>(EVENTS.report, (received) => {
      if (received.id !== asked) return;
      report = received;
      panel.render(received);
      if (open && received.state === 'checked') outlines.show(received.findings);
      notify(received);
    });
    // A source changed: the page may have too (without a reload when the change is a component's style or script).
    server.on(EVENTS.changed, checkSoon);
    import.meta.hot?.on('vite:afterUpdate', checkSoon);
    document.addEventListener('astro:after-swap', checkSoon);

    app.onToggled(({ state }) => {
      open = state;
      if (state) sessionStorage.setItem(OPEN_KEY, '1');
      else sessionStorage.removeItem(OPEN_KEY);
      if (!state) outlines.clear();
      else if (report === undefined) check();
      else if (report.state === 'checked') outlines.show(report.findings);
    });
    app.onToolbarPlacementUpdated(({ placement }) => panel.place(placement));

    /** The toolbar icon's dot (Astro shows a level, not a number) and, in its tooltip, the count. */
    const notify = (shown: PageReport): void => {
      const findings = shown.state === 'checked' ? shown.findings : [];
      const errors = findings.filter((finding) => finding.severity === 'error').length;
      const warnings = findings.filter((finding) => finding.severity === 'warn').length;
      const level = errors > 0 ? 'error' : warnings > 0 ? 'warning' : 'info';
      app.toggleNotification(findings.length > 0 ? { state: true, level } : { state: false });
      const label = errors > 0 ? plural(errors, 'error') : warnings > 0 ? plural(warnings, 'warning') : findings.length > 0 ? `${findings.length} info` : 'no link problems';
      const tooltip = document.querySelector('astro-dev-toolbar')?.shadowRoot?.querySelector(`[data-app-id="${APP_ID}"] .item-tooltip`);
      if (tooltip) tooltip.textContent = `linkgraph: ${label}`;
    };

    // Nothing runs while the page loads: the first check waits for an idle browser.
    const whenIdle = (): void => {
      if ('requestIdleCallback' in window) requestIdleCallback(() => report === undefined && asked === undefined && check(), { timeout: IDLE_TIMEOUT_MS });
      else setTimeout(() => report === undefined && asked === undefined && check(), 200);
    };
    if (document.readyState === 'complete') whenIdle();
    else window.addEventListener('load', whenIdle, { once: true });

    // An edit to Markdown reloads the page: an app that was open opens again, and checks the new page.
    if (sessionStorage.getItem(OPEN_KEY) !== null) setTimeout(() => app.toggleState({ state: true }), 0);
  },
});
