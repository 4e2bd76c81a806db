/** What the toolbar app reads of Vite's and Astro's globals in the browser. */

interface ImportMeta {
  /** Vite's HMR client: present in `astro dev`, which is the only place the app runs. */
  readonly hot?: { on(event: string, listener: (payload: unknown) => void): void };
}

interface Window {
  /** Set by Astro on every dev page: the project root (with a trailing slash) and the toolbar's placement. */
  __astro_dev_toolbar__?: { root: string; placement?: 'bottom-left' | 'bottom-center' | 'bottom-right' };
}
