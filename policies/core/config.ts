// The configuration validator the policies run: one loop over the field table, then the cross-field rules (ES5 engine and Node).
/*
 * Input: a plain object (not null, not an array). Each field is checked by its entry in
 * config-fields.ts: its kind, pattern or range, and its default when it is missing (or undefined).
 * No coercion: "500" is not a number, "true" is not a boolean (config.js is JavaScript). Any other
 * key, at the top, in a node or in propertyNames, is a problem (a typo would otherwise be silently
 * ignored); the message suggests the closest known name. Then the rules that span fields
 * (config-checks.ts): the nodes' addresses and names, repeated statuses, the salt when hashing,
 * identifier headers among the excluded ones.
 *
 * Output: a fresh, fully defaulted PolicyConfig (no array or object shared with the table or with
 * the input), or every problem found, at most one per path, each naming its field and a fix; a
 * secret value is never shown, only its type and length.
 *
 * The zod schema (config/config-schema.ts) is derived from the same table for Node (CLI, JSON
 * Schema); test/config/ runs one table of cases through both and demands the same answer.
 */

import type { PolicyConfig } from './config-types';
import type { FieldSpec, ValueRule } from './config-fields';
import { configFields, fieldNamed, namesOf, nodeFields, propertyNameFields } from './config-fields';
import { formatPath, ruleMessage, unknownFieldMessage } from './config-messages';
import { checkAcrossFields, checkHashSalt, checkNodeList, checkStatusList, type ProblemSink } from './config-checks';
import { isPlainObject, isWholeNumber } from './config-values';
import { Codes } from './errors';

export { closestField, formatPath, ruleMessage, unknownFieldMessage } from './config-messages';
export { checkAcrossFields, checkHashSalt, checkNodeList, checkStatusList, type ProblemSink } from './config-checks';

export interface ConfigProblem {
  /** Where: "" (the whole input), "retryAfterMs", "nodes[1].url", "propertyNames.method". */
  path: string;
  /** What is wrong and how to fix it; never contains the token or the salt. */
  message: string;
}

export type ConfigResult = { ok: true; config: PolicyConfig } | { ok: false; problems: ConfigProblem[] };

/** The rule of the whole input, for a value that is not an object. */
export function configRootRule(): ValueRule {
  return {
    what: 'an object with the policy settings: aseToken, nodes and any of the optional fields',
    example: "{ aseToken: '', nodes: [{ name: 'primary', url: 'https://ase.example.com:8443' }] }"
  };
}

/** Top-level field names, node field names and propertyNames keys, in table order (for tests and tooling). */
export var CONFIG_FIELDS = /* @__PURE__ */ topLevelNames();
export var NODE_FIELDS = /* @__PURE__ */ nodeFieldNames();
export var PROPERTY_NAME_FIELDS = /* @__PURE__ */ propertyNameKeys();

function topLevelNames(): string[] {
  return namesOf(configFields());
}

function nodeFieldNames(): string[] {
  return namesOf(nodeFields());
}

function propertyNameKeys(): string[] {
  return namesOf(propertyNameFields());
}

/** The fields of the object at a path ([] the top level, ['nodes', 0] a node, ['propertyNames']), or null. */
export function fieldsAt(parentSegments: ReadonlyArray<PropertyKey>): ReadonlyArray<FieldSpec> | null {
  var fields: ReadonlyArray<FieldSpec> = configFields();
  for (var i = 0; i < parentSegments.length; i++) {
    if (typeof parentSegments[i] === 'number') continue;
    var spec = fieldNamed(fields, String(parentSegments[i]));
    if (spec === null || spec.fields === undefined) return null;
    fields = spec.fields;
  }
  return fields;
}

/** The known keys of the object at a path. */
export function knownFieldsAt(parentSegments: ReadonlyArray<PropertyKey>): string[] {
  return namesOf(fieldsAt(parentSegments) || []);
}

/** Collects problems, at most one per path (the first found is the most basic). */
interface Collector {
  problems: ConfigProblem[];
  seen: { [path: string]: boolean };
}

function add(collector: Collector, path: string, message: string): void {
  if (collector.seen.hasOwnProperty('#' + path)) return;
  collector.seen['#' + path] = true;
  collector.problems.push({ path: path, message: message });
}

function sinkAt(collector: Collector, base: Array<string | number>): ProblemSink {
  return function (relativePath, message) {
    add(collector, formatPath(base.concat(relativePath)), message);
  };
}

/** Marks a value that failed its rule; the config it lands in is never returned. */
var INVALID: null = null;

/** A string or integer value (a field, or an entry of a list), checked and normalised in one call: the hot path. */
function readScalar(collector: Collector, rule: ValueRule, integer: boolean, value: unknown, path: string): unknown {
  if (integer) {
    if (isWholeNumber(value) && value >= (rule.min as number) && value <= (rule.max as number) && value !== rule.not) return value;
  } else if (typeof value === 'string' && (rule.minLength === undefined || value.length >= rule.minLength)) {
    var pattern = rule.pattern;
    if (pattern === undefined || (pattern instanceof RegExp ? pattern : pattern()).test(value)) {
      var normalize = rule.normalize;
      if (normalize === undefined) return value;
      return normalize === 'lower-case' ? value.toLowerCase() : value.replace(/\/$/, '');
    }
  }
  add(collector, path, ruleMessage(rule, path, value));
  return INVALID;
}

function readList(collector: Collector, value: unknown[], path: string, spec: FieldSpec): unknown[] {
  var entry = spec.entry as ValueRule;
  var integer = spec.kind === 'status-list';
  var out: unknown[] = [];
  for (var i = 0; i < value.length; i++) out.push(readScalar(collector, entry, integer, value[i], path + '[' + i + ']'));
  if (integer) checkStatusList(value, sinkAt(collector, [path]));
  return out;
}

/**
 * Reads each field of an object: a field left out takes its default (a fresh copy), or stays out when
 * it has none and is optional. Then reports the keys the table does not know at this path. Known
 * keys are counted on the way, so the search for unknown ones runs only when there are more keys.
 */
function readObject(collector: Collector, value: { [key: string]: unknown }, path: string, fields: ReadonlyArray<FieldSpec>): { [key: string]: unknown } {
  var out: { [key: string]: unknown } = {};
  var known = 0;
  for (var i = 0; i < fields.length; i++) {
    var spec = fields[i];
    var name = spec.name;
    var item = value[name];
    var fallback = spec.defaultValue;
    if (item !== undefined) {
      known++;
      var kind = spec.kind;
      // Scalars are checked here rather than through readField, and a value equal to its (valid)
      // default is taken as it is: rendered config.js files spell out every default, and Akana
      // validates them for every message.
      if (item === fallback || (kind === 'boolean' && (item === true || item === false))) {
        out[name] = item;
      } else if (kind === 'string' || kind === 'integer') {
        out[name] = readScalar(collector, spec, kind === 'integer', item, path === '' ? name : path + '.' + name);
      } else {
        out[name] = readField(collector, spec, item, path === '' ? name : path + '.' + name);
      }
      continue;
    }
    if (name in value) known++;
    if (fallback !== undefined) {
      out[name] = fallback instanceof Array ? fallback.slice() : fallback;
    } else if (spec.kind === 'object') {
      out[name] = readObject(collector, {}, '', spec.fields);
    } else if (spec.required) {
      var at = path === '' ? name : path + '.' + name;
      add(collector, at, ruleMessage(spec, at, item));
    }
  }
  var keys = 0;
  // for-in without an own-property filter, as the zod schema reads keys: a plain object has no other enumerable ones.
  for (var counted in value) keys++;
  if (keys === known) return out;
  for (var key in value) {
    if (fieldNamed(fields, key) === null) {
      add(collector, path === '' ? key : path + '.' + key, unknownFieldMessage(path, key, namesOf(fields)));
    }
  }
  return out;
}

/** A value that is there and not a valid scalar (readObject handles those and the missing ones), checked by its field's kind. */
function readField(collector: Collector, spec: FieldSpec, value: unknown, path: string): unknown {
  var kind = spec.kind;
  if (kind === 'object') {
    if (isPlainObject(value)) return readObject(collector, value, path, spec.fields as ReadonlyArray<FieldSpec>);
  } else if (kind !== 'boolean' && Array.isArray(value)) {
    return kind === 'nodes' ? readNodes(collector, value, path, spec) : readList(collector, value, path, spec);
  }
  add(collector, path, ruleMessage(spec, path, value));
  return INVALID;
}

function readNodes(collector: Collector, value: unknown[], path: string, spec: FieldSpec): unknown[] {
  var nodes: unknown[] = [];
  for (var i = 0; i < value.length; i++) {
    var node = value[i];
    var at = path + '[' + i + ']';
    if (isPlainObject(node)) {
      nodes.push(readObject(collector, node, at, spec.fields as ReadonlyArray<FieldSpec>));
    } else {
      add(collector, at, ruleMessage(spec.entry as ValueRule, at, node));
    }
  }
  checkNodeList(value, sinkAt(collector, [path]));
  return nodes;
}

/** Checks the operator's configuration; returns a fresh defaulted config or every problem found. */
export function validateConfig(raw: unknown): ConfigResult {
  if (!isPlainObject(raw)) {
    return { ok: false, problems: [{ path: '', message: ruleMessage(configRootRule(), '', raw) }] };
  }
  var collector: Collector = { problems: [], seen: {} };
  var config = readObject(collector, raw, '', configFields());
  checkAcrossFields(raw, sinkAt(collector, []));
  if (collector.problems.length > 0) return { ok: false, problems: collector.problems };
  return { ok: true, config: config as unknown as PolicyConfig };
}

var MAX_LOGGED_PROBLEMS = 20;

/** One log line: "CONFIG_INVALID: 2 problems: nodes[0].url must be ...; retryAfterMs must be ...". */
export function describeProblems(problems: ConfigProblem[]): string {
  var parts: string[] = [];
  for (var i = 0; i < problems.length && i < MAX_LOGGED_PROBLEMS; i++) {
    var problem = problems[i];
    var named = problem.path === '' || problem.message.indexOf(problem.path) === 0;
    parts.push(named ? problem.message : problem.path + ': ' + problem.message);
  }
  if (problems.length > MAX_LOGGED_PROBLEMS) parts.push('and ' + (problems.length - MAX_LOGGED_PROBLEMS) + ' more');
  var count = problems.length + (problems.length === 1 ? ' problem' : ' problems');
  return Codes.CONFIG_INVALID + ': ' + count + ': ' + parts.join('; ');
}
