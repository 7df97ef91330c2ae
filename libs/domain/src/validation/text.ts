/**
 * What text a person enters may hold. A control character forges lines in logs and mails (a
 * newline in a station name is a fake log line), NUL is refused by PostgreSQL, and a lone
 * surrogate (half of a UTF-16 pair) is no character at all: Temporal's payloads turn it into
 * U+FFFD, so the workflow's copy of a name never again matches the projection's.
 *
 * - single-line text (names, units, contacts, titles): no control character at all, no line or
 *   paragraph separator;
 * - multi-line text (summaries, notes, reasons): tab, line feed and carriage return, nothing else
 *   of the controls (never NUL).
 * Neither may hold a lone surrogate.
 */
export type TextKind = 'single-line' | 'multi-line';

// C0, DEL and C1 controls, and U+2028/U+2029, which some viewers break lines at; matching
// control characters is the point of these patterns
// eslint-disable-next-line no-control-regex
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
// the same less TAB (U+0009), LF (U+000A) and CR (U+000D)
// eslint-disable-next-line no-control-regex
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAK = /[\n\r\u2028\u2029]/;
// a high surrogate not followed by a low one, or a low one not preceded by a high one
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` may not be taken as text of this kind, in zh-CN; null when it may. */
export function textProblem(text: string, kind: TextKind): string | null {
  if (LONE_SURROGATE.test(text)) return '含有无效字符（不成对的 UTF-16 代理项）';
  const bad = (kind === 'single-line' ? SINGLE_LINE_FORBIDDEN : MULTI_LINE_FORBIDDEN).exec(text);
  if (!bad) return null;
  if (LINE_BREAK.test(bad[0])) return '不能换行（应为单行文本）';
  return `不能含有控制字符 U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}
