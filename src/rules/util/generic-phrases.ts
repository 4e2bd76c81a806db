import type { Graph } from '../../graph/build-graph.js';

/**
 * Non-descriptive anchor texts per language, exactly as Lighthouse's
 * `link-text` audit lists them (GoogleChrome/lighthouse,
 * core/audits/seo/link-text.js, `nonDescriptiveLinkTexts`, Apache-2.0).
 * Keys are primary language subtags; values are lower case.
 */
export const LIGHTHOUSE_GENERIC_PHRASES: Readonly<Record<string, readonly string[]>> = {
  en: ['click here', 'click this', 'go', 'here', 'information', 'learn more', 'more', 'more info', 'more information', 'right here', 'read more', 'see more', 'start', 'this'],
  ja: ['ここをクリック', 'こちらをクリック', 'リンク', '続きを読む', '続く', '全文表示'],
  es: [
    'click aquí', 'click aqui', 'clicka aquí', 'clicka aqui', 'pincha aquí', 'pincha aqui', 'aquí', 'aqui', 'más', 'mas',
    'más información', 'más informacion', 'mas información', 'mas informacion', 'este', 'enlace', 'este enlace', 'empezar',
  ],
  pt: ['clique aqui', 'ir', 'mais informação', 'mais informações', 'mais', 'veja mais'],
  ko: ['여기', '여기를 클릭', '클릭', '링크', '자세히', '자세히 보기', '계속', '이동', '전체 보기'],
  sv: ['här', 'klicka här', 'läs mer', 'mer', 'mer info', 'mer information'],
  de: ['klicke hier', 'hier klicken', 'hier', 'mehr', 'siehe', 'dies', 'das', 'weiterlesen'],
  ta: [
    'அடுத்த பக்கம்', 'மறுபக்கம்', 'முந்தைய பக்கம்', 'முன்பக்கம்', 'மேலும் அறிக', 'மேலும் தகவலுக்கு', 'மேலும் தரவுகளுக்கு',
    'தயவுசெய்து இங்கே அழுத்தவும்', 'இங்கே கிளிக் செய்யவும்',
  ],
  fa: ['اطلاعات بیشتر', 'اطلاعات', 'این', 'اینجا بزنید', 'اینجا کلیک کنید', 'اینجا', 'برو', 'بیشتر بخوانید', 'بیشتر بدانید', 'بیشتر', 'شروع'],
};

/**
 * The language whose list applies to a page: the primary subtag of its
 * `lang` when Lighthouse has a list for it, else `en`.
 */
export function phraseLanguage(lang: string | undefined): string {
  const primary = (lang ?? '').split('-')[0]!.toLowerCase();
  return primary in LIGHTHOUSE_GENERIC_PHRASES ? primary : 'en';
}

/**
 * Anchor text as the generic-phrase lists compare it: lower case, collapsed
 * whitespace, without leading and trailing punctuation and symbols
 * (`Read more →` and `read more…` are `read more`).
 */
export function phraseKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '');
}

/**
 * {@link phraseKey}, remembered for the run: sites repeat a few thousand
 * texts over millions of links. One memo per graph, shared by the rules
 * that ask, and dropped with the graph (no cap that a large site would
 * keep clearing).
 */
export function phraseKeys(graph: Graph): (text: string) => string {
  let memo = memos.get(graph);
  if (memo === undefined) {
    const keys = new Map<string, string>();
    memo = (text) => {
      let key = keys.get(text);
      if (key === undefined) keys.set(text, (key = phraseKey(text)));
      return key;
    };
    memos.set(graph, memo);
  }
  return memo;
}

const memos = new WeakMap<Graph, (text: string) => string>();

/**
 * A list of phrases (keys, as {@link phraseKey} makes them) that tells
 * whether a text's key is on it. Most texts are ruled out without making
 * their key: in ASCII text every character that is not whitespace,
 * punctuation or a symbol survives into the key unchanged but for case, so
 * a text with more such characters than the longest phrase, or whose first
 * or last such character starts or ends no phrase, cannot be on the list.
 */
export class PhraseSet {
  private readonly keys: ReadonlySet<string>;
  private readonly longest: number;
  private readonly firsts = new Set<number>();
  private readonly lasts = new Set<number>();

  /**
   * @param phrases the keys on the list.
   * @param keyOf {@link phraseKey}, or a memo of it ({@link phraseKeys}).
   */
  constructor(
    phrases: Iterable<string>,
    private readonly keyOf: (text: string) => string = phraseKey,
  ) {
    this.keys = new Set(phrases);
    let longest = 0;
    for (const phrase of this.keys) {
      longest = Math.max(longest, phrase.length);
      if (phrase === '') continue;
      this.firsts.add(phrase.charCodeAt(0));
      this.lasts.add(phrase.charCodeAt(phrase.length - 1));
    }
    this.longest = longest;
  }

  /** Whether the key of `text` is on the list. */
  has(text: string): boolean {
    if (this.keys.size === 0) return false;
    if (!NON_ASCII.test(text)) {
      let count = 0;
      let first = -1;
      let last = -1;
      for (let index = 0; index < text.length; index++) {
        let code = text.charCodeAt(index);
        if (!isCore(code)) continue;
        if (++count > this.longest) return false;
        if (code >= 65 && code <= 90) code += 32;
        if (first === -1) first = code;
        last = code;
      }
      if (count > 0 && (!this.firsts.has(first) || !this.lasts.has(last))) return false;
    }
    return this.keys.has(this.keyOf(text));
  }
}

const NON_ASCII = /[^\u0000-\u007f]/;

/** Whether an ASCII character survives into a phrase key: not whitespace (`\s`), punctuation or a symbol. */
function isCore(code: number): boolean {
  if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) return false;
  // Every printable ASCII character that is not a letter or digit is \p{P} or \p{S}.
  if ((code >= 0x21 && code <= 0x2f) || (code >= 0x3a && code <= 0x40) || (code >= 0x5b && code <= 0x60) || (code >= 0x7b && code <= 0x7e)) return false;
  return true;
}

/** Whether a text is a full `http:`/`https:` URL (what Lighthouse calls a bare URL). */
export function isBareUrl(text: string): boolean {
  const trimmed = text.trim();
  if (!/^https?:\/\//i.test(trimmed)) return false;
  try {
    new URL(trimmed);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a text is a name in code rather than words: a method or member
 * reference (`#start`, `.start`, `::new`, `start()`, `Timer::start`,
 * `on_start`), as API references use for link text.
 */
export function isCodeName(text: string): boolean {
  return CODE_NAME.test(text.trim());
}

const CODE_NAME = /^(?:#|\.|::)\w|\w\((?:\.\.\.)?\)$|\w::\w|\w_\w/;
