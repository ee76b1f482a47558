// Whether texts are written by JSON.stringify as themselves between quotes, the check ase-json.ts makes once per body (ES5 engine and Node).
//
// The texts are checked concatenated: JSON.stringify of the whole must add nothing but its two quotes
// (no quote, backslash or control character to escape), and no unit may be a surrogate (engines write
// a lone one differently, and a pair could be split across two texts). The Akana bundle puts its own
// module in place of this one (policies/hosts/akana/jvm-plain-json-texts.ts): the same answer from one
// java.util.regex search instead of a serialisation and a Rhino regex over the whole text.

var SURROGATE = /[\uD800-\uDFFF]/;

/** Whether each of the texts concatenated in `raw` is written by JSON.stringify as itself between quotes. */
export function plainTexts(raw: string): boolean {
  if (JSON.stringify(raw).length !== raw.length + 2) return false;
  return !SURROGATE.test(raw);
}
