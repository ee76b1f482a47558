// The headers of an ASE body as two parallel lists, made in one pass over the call's headers, with the passes that reorder and fill them (ES5 engine and Node).
//
// Why one pass and deferred bounding: in Rhino every call of a function or a string method costs
// about as much as a small loop, and the typical call has fifteen headers. The pass reads each name
// and value once, lower-cases the name, keeps the raw X-Forwarded-For values for the client IP and
// hashes secrets. Making texts UTF-8 safe and bounded (lone surrogates -> U+FFFD, then cut at
// MAX_HEADER_TEXT) is left out of the pass: a value longer than the bound makes it run at once, and
// otherwise it runs only when the body's text shows a surrogate (ase-json.ts) or when the object form
// is made. A list with neither is already what bounding would make, so the bytes never differ.

import type { HeaderField } from './api-call';
import { truncateText, wellFormedText } from './header-fields';

/** Longest header name or value sent, in UTF-16 units. */
export var MAX_HEADER_TEXT = 8192;

/** One header value for ASE: exactly one key, the lower-case name. */
export type AseHeader = { [name: string]: string };

/** Replaces a header value by its hash when the header carries a secret; returns other values as they are. */
export type SecretHasher = (name: string, value: string) => string;

/** Names (lower-case, non-empty) and values side by side; `bounded` once every text went through boundedText. */
export interface HeaderList {
  names: string[];
  values: string[];
  bounded: boolean;
}

/** A text made UTF-8 safe and cut to MAX_HEADER_TEXT. */
export function boundedText(text: string): string {
  return truncateText(wellFormedText(text), MAX_HEADER_TEXT);
}

/** Host values arrive converted, but a null or a number must not throw inside the policy. */
export function stringOrEmpty(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/**
 * The one conversion of HeaderFields: names trimmed and lower-cased, empty names dropped, secrets
 * hashed; the raw values of X-Forwarded-For appended to `forwarded` when given (before any hashing).
 */
export function headerPass(fields: HeaderField[], secrets: SecretHasher | null, forwarded: string[] | null): HeaderList {
  var names: string[] = [];
  var values: string[] = [];
  var count = 0;
  var long = false;
  for (var i = 0; i < fields.length; i++) {
    var field = fields[i];
    var name = field.name;
    // typeof first: String() and the helper are calls, and host adapters hand over strings already.
    name = (typeof name === 'string' ? name : stringOrEmpty(name)).trim().toLowerCase();
    if (name === '') continue;
    var value = field.value;
    if (typeof value !== 'string') value = stringOrEmpty(value);
    if (forwarded !== null && name === 'x-forwarded-for') forwarded.push(value);
    if (secrets !== null) value = secrets(name, value);
    if (value.length > MAX_HEADER_TEXT || name.length > MAX_HEADER_TEXT) long = true;
    names[count] = name;
    values[count] = value;
    count++;
  }
  var list: HeaderList = { names: names, values: values, bounded: false };
  if (long) boundHeaderTexts(list);
  return list;
}

/** Bounds every text of the list, once (see the header comment). */
export function boundHeaderTexts(list: HeaderList): void {
  if (list.bounded) return;
  for (var i = 0; i < list.names.length; i++) {
    list.names[i] = boundedText(list.names[i]);
    list.values[i] = boundedText(list.values[i]);
  }
  list.bounded = true;
}

/** Appends one header (the list's bounding rules hold for it too). */
export function addHeader(list: HeaderList, name: string, value: string): void {
  list.names.push(list.bounded ? boundedText(name) : name);
  list.values.push(list.bounded ? boundedText(value) : value);
  if (!list.bounded && value.length > MAX_HEADER_TEXT) boundHeaderTexts(list);
}

/** One object per header, its only key the name (the object form: tests and tools; the wire text comes from ase-json.ts). */
export function aseHeaders(list: HeaderList): AseHeader[] {
  boundHeaderTexts(list);
  var headers: AseHeader[] = [];
  for (var i = 0; i < list.names.length; i++) {
    var name = list.names[i];
    var header: AseHeader = {};
    if (name.lastIndexOf('__', 0) === 0) {
      // defineProperty, not assignment: a client may send a header named "__proto__", which an
      // assignment would swallow (leaving an object with no key at all); older Rhino versions give
      // other "__" names (__parent__) special meaning too.
      Object.defineProperty(header, name, { value: list.values[i], enumerable: true, writable: true, configurable: true });
    } else {
      header[name] = list.values[i];
    }
    headers.push(header);
  }
  return headers;
}

/** Moves the first host header to the front (others keep their places), or adds one. */
export function putHostFirst(list: HeaderList, fallbackHost: string): void {
  var at = list.names.indexOf('host');
  var value = at >= 0 ? list.values[at] : '';
  if (at === 0 && value.trim() !== '') return;
  var fallback = stringOrEmpty(fallbackHost).trim();
  if (at >= 0) {
    list.names.splice(at, 1);
    list.values.splice(at, 1);
  }
  if (value.trim() === '') value = boundedText(fallback !== '' ? fallback : 'unknown');
  list.names.unshift('host');
  list.values.unshift(value);
}

/** Whether the list holds the header with a non-blank value. */
export function hasValue(list: HeaderList, name: string): boolean {
  // Most calls hold no such header: one indexOf (a Java loop in Rhino) tells, and the scan starts there.
  for (var i = list.names.indexOf(name); i >= 0 && i < list.names.length; i++) {
    if (list.names[i] === name && list.values[i].trim() !== '') return true;
  }
  return false;
}

/**
 * Drops the operator's excludedHeaders (lower-case, like the list's names). A pass of its own, run
 * only when the list is not empty: the usual call pays nothing per header for the feature.
 */
export function removeExcluded(list: HeaderList, excluded: string[]): void {
  for (var i = 0; i < excluded.length; i++) removeNamed(list, excluded[i]);
}

export function removeNamed(list: HeaderList, name: string): void {
  // Backwards, so splicing does not skip an entry; none before the first one indexOf finds.
  var first = list.names.indexOf(name);
  if (first < 0) return;
  for (var i = list.names.length - 1; i >= first; i--) {
    if (list.names[i] === name) {
      list.names.splice(i, 1);
      list.values.splice(i, 1);
    }
  }
}
