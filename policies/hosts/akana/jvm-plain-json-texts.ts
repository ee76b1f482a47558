// The body writer's plain-text check for the Akana bundle: one java.util.regex search, the core's check where Java is out of reach (ES5 engine: Rhino).
//
// The Akana build puts this module in place of core/plain-json-texts.ts (PolicyEntry.hostModules):
// the same answer for every text. In Rhino the core's check (JSON.stringify of the body's ~1 KB of
// texts, then a Rhino regex over them) measured 11 µs a request message in the shell at opt 0, this
// one 2 µs. Java's regex reads code points, so a surrogate pair is one supplementary character: the
// class names the supplementary planes as well as the surrogate units, and finds either. What it finds
// is what Rhino's JSON.stringify escapes (quote, backslash, U+0000-U+001F) plus every surrogate.

import { plainTexts as scriptPlainTexts } from '../../core/plain-json-texts';

declare var java: any;

/** The Java regex of a unit that stops a text from being plain (see the header comment). */
var NOT_PLAIN = '["\\\\\\u0000-\\u001f\\ud800-\\udfff\\x{10000}-\\x{10ffff}]';

/** Whether each of the texts concatenated in `raw` is written by JSON.stringify as itself between quotes. */
export function plainTexts(raw: string): boolean {
  var found: unknown = null;
  // Catch-free (java-values.ts says why): a throw leaves found null, and the core's check answers.
  // One function and one variable: every name adds to the bundle's name table (rhino-method-size.test.ts).
  try {
    found = java.util.regex.Pattern.compile(NOT_PLAIN).matcher(raw).find();
  } finally {
    return found === true || found === false ? !found : scriptPlainTexts(raw);
  }
}
