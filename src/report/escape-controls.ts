/**
 * Site text (hrefs, fragments, anchor texts, titles, file names) is
 * attacker-controlled as far as a terminal or a CI log is concerned: an ESC
 * sequence clears the screen or retitles the terminal, and a line break
 * followed by `::error::…` becomes a GitHub Actions workflow command. Every
 * human-readable report passes each site-derived string through these; JSON
 * and SARIF keep the exact data.
 */

/**
 * C0 controls (line breaks and tabs included), DEL and C1 controls; and
 * `##[`, the legacy workflow-command marker, which the Actions runner obeys
 * anywhere in a line.
 */
const UNSAFE = /[\u0000-\u001F\u007F-\u009F]|##\[/g;

/**
 * Text with every control character shown as `\xHH` (ESC as `\x1b`, LF as
 * `\x0a`), and `##[` as `##\x5b`, so that it prints on one line and changes
 * nothing but the characters on screen.
 */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (match) => (match === '##[' ? '##\\x5b' : `\\x${match.charCodeAt(0).toString(16).padStart(2, '0')}`));
}

/**
 * {@link escapeControls}, for text that begins a line: a leading `::` (after
 * whitespace, which the Actions runner trims) shows its first colon as
 * `\x3a`, so that no file or page name reads as a workflow command.
 */
export function escapeLineStart(text: string): string {
  return escapeControls(text).replace(/^(\s*):(?=:)/, '$1\\x3a');
}
