// Generic helpers over HeaderField lists and header text: lookup by name, well-formed bounded text (ES5 engine and Node).

import type { HeaderField } from './api-call';

/** Any UTF-16 surrogate, paired or lone. One module constant: Rhino makes a RegExp object each time a literal is evaluated. */
export var SURROGATE = /[\uD800-\uDFFF]/;

/** The form names are compared and sent in: trimmed, lower-case. */
export function normalizeHeaderName(name: string): string {
  return String(name).trim().toLowerCase();
}

/** Every value of the named header, in order (case-insensitive name). */
export function headerValues(headers: HeaderField[], name: string): string[] {
  var wanted = normalizeHeaderName(name);
  var values: string[] = [];
  for (var i = 0; i < headers.length; i++) {
    if (normalizeHeaderName(headers[i].name) === wanted) values.push(headers[i].value);
  }
  return values;
}

/** The first value of the named header (case-insensitive name), '' when absent. */
export function findHeader(headers: HeaderField[], name: string): string {
  var values = headerValues(headers, name);
  return values.length > 0 ? values[0] : '';
}

/** True when the named header is present (with any value, even empty). */
export function hasHeader(headers: HeaderField[], name: string): boolean {
  return headerValues(headers, name).length > 0;
}

/**
 * The text with every lone UTF-16 surrogate replaced by U+FFFD, so that it encodes to valid UTF-8
 * (a lone surrogate has no UTF-8 form: Java would send '?', a strict JSON parser would reject it).
 */
export function wellFormedText(text: string): string {
  // Fast path: most header text has no surrogates at all.
  if (!SURROGATE.test(text)) return text;
  // Copy runs of good text in one piece; only repair the bad units (a few, in practice).
  var parts: string[] = [];
  var runStart = 0;
  for (var i = 0; i < text.length; i++) {
    var c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    var next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++;
      continue;
    }
    parts.push(text.substring(runStart, i), '\uFFFD');
    runStart = i + 1;
  }
  parts.push(text.substring(runStart));
  return parts.join('');
}

/** At most maxLength UTF-16 units, never ending in half of a surrogate pair. */
export function truncateText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  var end = maxLength;
  var last = text.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end--;
  return text.substring(0, end);
}
