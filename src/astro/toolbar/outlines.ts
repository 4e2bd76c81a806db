import { pickElement } from '../element-match.js';
import type { DevFinding, ElementKey } from '../toolbar-protocol.js';
import { escapeHtml, inlineCode, sourceOf } from './text.js';

/** Outline colour per severity (Astro's highlight styles). */
const STYLE = { error: 'red', warn: 'yellow', info: 'blue' } as const;

/** A finding whose element the page shows, with its outline. */
interface Outlined {
  finding: DevFinding;
  element: Element;
  highlight: HTMLElement;
}

/**
 * The page element a finding is about: among the elements with the key's
 * tag, the one the key names; undefined when the page has none (a script
 * removed it) or shows none (it is in `<head>`, or hidden).
 */
export function elementOf(key: ElementKey): Element | undefined {
  const elements = [...document.querySelectorAll(key.tag)];
  const index = pickElement(
    elements.map((element) => element.getAttribute(key.attribute)),
    key,
  );
  const element = index === -1 ? undefined : elements[index];
  return element && element.getClientRects().length > 0 ? element : undefined;
}

/**
 * The outlines of problem links on the page while the app is open: Astro's
 * own highlight element over each, with a tooltip (rule, message, source
 * line), as Astro's Audit app draws them. They live in the app's canvas,
 * so they go away with it.
 */
export class Outlines {
  readonly #canvas: ShadowRoot;
  #items: Outlined[] = [];

  constructor(canvas: ShadowRoot) {
    this.#canvas = canvas;
    const reposition = (): void => this.reposition();
    window.addEventListener('scroll', reposition, { passive: true });
    window.addEventListener('resize', reposition);
  }

  /** Outline each finding whose element the page shows; replaces the outlines shown before. */
  show(findings: readonly DevFinding[]): void {
    this.clear();
    findings.forEach((finding, index) => {
      const element = finding.element && elementOf(finding.element);
      if (!element) return;
      const highlight = document.createElement('astro-dev-toolbar-highlight');
      highlight.setAttribute('highlight-style', STYLE[finding.severity]);
      highlight.dataset['linkgraphFinding'] = String(index);
      highlight.dataset['linkgraphRule'] = finding.ruleId;
      highlight.tabIndex = 0;
      const tooltip = document.createElement('astro-dev-toolbar-tooltip');
      const where = sourceOf(finding, element);
      tooltip.sections = [
        { icon: 'warning', title: escapeHtml(finding.ruleId) },
        { content: inlineCode(finding.message) },
        ...(where === undefined ? [] : [{ content: escapeHtml(where) }]),
      ];
      highlight.shadowRoot?.append(tooltip);
      const show = (visible: boolean) => (): void => {
        tooltip.dataset['show'] = String(visible);
        if (!visible) return;
        // Above the element, or below it when there is no room.
        const rect = element.getBoundingClientRect();
        tooltip.style.top = rect.top < tooltip.offsetHeight + 16 ? `${rect.height + 15}px` : `-${tooltip.offsetHeight}px`;
      };
      highlight.addEventListener('mouseover', show(true));
      highlight.addEventListener('focus', show(true));
      highlight.addEventListener('mouseout', show(false));
      highlight.addEventListener('blur', () => {
        show(false)();
        delete highlight.dataset['linkgraphActive'];
      });
      if (isInFixedBox(element)) highlight.style.position = tooltip.style.position = 'fixed';
      this.#canvas.append(highlight);
      this.#items.push({ finding, element, highlight });
    });
    this.reposition();
  }

  /** Remove every outline. */
  clear(): void {
    for (const item of this.#items) item.highlight.remove();
    this.#items = [];
  }

  /** Whether the finding's element is outlined on the page. */
  has(finding: DevFinding): boolean {
    return this.#items.some((item) => item.finding === finding);
  }

  /** Scroll to the finding's element and bring its outline and tooltip forward. */
  focus(finding: DevFinding): void {
    const item = this.#items.find((candidate) => candidate.finding === finding);
    if (!item) return;
    item.element.scrollIntoView({ block: 'center', behavior: 'instant' });
    this.reposition();
    for (const other of this.#items) delete other.highlight.dataset['linkgraphActive'];
    item.highlight.dataset['linkgraphActive'] = '';
    item.highlight.focus({ preventScroll: true });
  }

  /** Put each outline over its element again (after a scroll, a resize, a layout change). */
  reposition(): void {
    for (const { element, highlight } of this.#items) {
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) {
        highlight.style.display = 'none';
        continue;
      }
      const fixed = highlight.style.position === 'fixed';
      highlight.style.display = 'block';
      highlight.style.top = `${Math.max(rect.top + (fixed ? 0 : window.scrollY) - 6, 0)}px`;
      highlight.style.left = `${Math.max(rect.left + (fixed ? 0 : window.scrollX) - 6, 0)}px`;
      highlight.style.width = `${rect.width + 12}px`;
      highlight.style.height = `${rect.height + 12}px`;
    }
  }
}

/** Whether the element sits in a `position: fixed` box (its outline must be fixed too). */
function isInFixedBox(element: Element): boolean {
  for (let current: Element | null = element; current; current = current.parentElement) {
    if (getComputedStyle(current).position === 'fixed') return true;
  }
  return false;
}
