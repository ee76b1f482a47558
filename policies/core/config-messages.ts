// The operator-facing words of the configuration: what a field must be, a problem's message, did-you-mean (ES5 engine and Node).

import type { FieldSpec, ValueRule } from './config-fields';
import { namesOf } from './config-fields';

/** What a value must be, with the entry's {{placeholders}} filled; derived for integers and booleans. */
export function whatOf(rule: ValueRule | FieldSpec): string {
  var text = rule.what;
  if (text === undefined) {
    var kind = (rule as FieldSpec).kind;
    text = kind === 'boolean' ? 'true or false' : kind === 'integer' ? 'a whole number of {{unit}} between {{min}} and {{max}}' : 'a valid value';
  }
  if (text.indexOf('{{') < 0) return text;
  return text.replace(/\{\{(\w+)\}\}/g, function (_match: string, key: string): string {
    if (key === 'keys') return namesOf((rule as FieldSpec).fields || []).join(', ');
    return String((rule as unknown as { [key: string]: unknown })[key]);
  });
}

/** A valid value as the operator writes it: the entry's example, or its default written out. */
export function exampleOf(rule: ValueRule | FieldSpec): string {
  if (rule.example !== undefined) return rule.example;
  var value = (rule as { defaultValue?: unknown }).defaultValue;
  return typeof value === 'string' ? "'" + value + "'" : String(value);
}

/** "nodes[1].url" from ["nodes", 1, "url"]. */
export function formatPath(segments: ReadonlyArray<PropertyKey>): string {
  var out = '';
  for (var i = 0; i < segments.length; i++) {
    var segment = segments[i];
    if (typeof segment === 'number') {
      out += '[' + segment + ']';
    } else {
      out += (out === '' ? '' : '.') + String(segment);
    }
  }
  return out;
}

var MAX_SHOWN = 60;

/** The offending value as a message shows it: short, escaped, secrets reduced to their length. */
function describeGot(got: unknown, rule: ValueRule): string {
  if (got === null) return 'null';
  if (Array.isArray(got)) return 'an array of ' + got.length + (got.length === 1 ? ' entry' : ' entries');
  if (typeof got === 'string') {
    if (got === '') return 'an empty string';
    if (rule.secret) return 'a ' + got.length + '-character string';
    var shown = JSON.stringify(rule.redact ? rule.redact(got) : got);
    return shown.length > MAX_SHOWN ? shown.substring(0, MAX_SHOWN - 4) + '..."' : shown;
  }
  if (typeof got === 'object') return 'an object';
  if (typeof got === 'number' || typeof got === 'boolean') return String(got);
  return 'a ' + typeof got;
}

/** The message for a value that breaks its field's rule: what, the value, why, an example. */
export function ruleMessage(rule: ValueRule | FieldSpec, path: string, got: unknown): string {
  if (path === '') path = 'the configuration';
  if (got === undefined) {
    return path + ' is required: it must be ' + whatOf(rule) + '; e.g. ' + exampleOf(rule);
  }
  var shown = describeGot(got, rule);
  var detail = rule.detail ? rule.detail(got) : '';
  var why = detail === '' || detail === shown ? '' : ': ' + detail;
  return path + ' must be ' + whatOf(rule) + ' (got ' + shown + why + '); e.g. ' + exampleOf(rule);
}

/** The key the operator probably meant: same letters ignoring case, '_' and '-', or nearly so. */
export function closestField(key: string, known: ReadonlyArray<string>): string | null {
  var wanted = squash(key);
  if (wanted.length === 0 || wanted.length > 64) return null;
  var best: string | null = null;
  var bestScore = 3;
  for (var i = 0; i < known.length; i++) {
    var candidate = squash(known[i]);
    var score = editDistance(wanted, candidate);
    var shorter = wanted.length < candidate.length ? wanted : candidate;
    var longer = shorter === wanted ? candidate : wanted;
    if (score > 2 && shorter.length >= 5 && longer.indexOf(shorter) >= 0) score = 2;
    if (score < bestScore) {
      best = known[i];
      bestScore = score;
    }
  }
  return best;
}

function squash(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, '');
}

/** Levenshtein distance (both strings are at most 64 characters here). */
function editDistance(a: string, b: string): number {
  var previous: number[] = [];
  for (var j = 0; j <= b.length; j++) previous.push(j);
  for (var i = 1; i <= a.length; i++) {
    var current = [i];
    for (var k = 1; k <= b.length; k++) {
      var substitution = previous[k - 1] + (a.charAt(i - 1) === b.charAt(k - 1) ? 0 : 1);
      current.push(Math.min(substitution, previous[k] + 1, current[k - 1] + 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The message for a key that is not part of the configuration at parentPath. */
export function unknownFieldMessage(parentPath: string, key: string, known: ReadonlyArray<string>): string {
  var where = parentPath === '' ? '' : ' in ' + parentPath;
  var guess = closestField(key, known);
  var shownKey = JSON.stringify(key.length > MAX_SHOWN ? key.substring(0, MAX_SHOWN) + '...' : key);
  var head = 'unknown field ' + shownKey.replace(/^"|"$/g, "'") + where;
  if (guess !== null) return head + "; did you mean '" + guess + "'?";
  return head + '; remove it or rename it to one of ' + known.join(', ');
}
