// Config cases generated from the field table: each kind's edges and wrong types, for every field it has (Node, tests).
//
// The hand-written table (config-cases.ts) holds the cross-field rules and the odd cases; this sweep
// covers what every entry's kind promises, so a new field is swept as soon as it is in the table.
import { configFields, patternOf, type FieldSpec, type ValueRule } from '../../policies/core/config-fields';
import type { ConfigCase } from './config-cases';
import { AKANA_NODE, MINIMAL } from './config-cases';

/** What the cross-field rules need, so each field can be varied alone: a salt long enough for hashSecrets. */
const BASE = { ...MINIMAL, hashSalt: '0123456789abcdef' };

/** A node with both address forms, so each of its fields can be varied alone. */
const FULL_NODE = { ...AKANA_NODE, url: 'https://ase.example.com:8443' };

/** One value to try at a field, the verdict, and what a valid one becomes (left out: itself). */
interface Trial {
  label: string;
  value: unknown;
  valid: boolean;
  /** Invalid: the path below the field that has the problem ('' the field itself, '[0]' its first entry). */
  at?: string;
  becomes?: unknown;
}

const ok = (label: string, value: unknown, becomes?: unknown): Trial => ({ label, value, valid: true, becomes });
const bad = (label: string, value: unknown, at = ''): Trial => ({ label, value, valid: false, at });

function integerTrials(rule: ValueRule, fallback: number): Trial[] {
  const min = rule.min as number;
  const max = rule.max as number;
  const trials = [
    ok('its lowest value', min),
    ok('its highest value', max),
    bad('one below its range', min - 1),
    bad('one above its range', max + 1),
    bad('a fraction', min + 0.5),
    bad('NaN', Number.NaN),
    bad('Infinity', Number.POSITIVE_INFINITY),
    bad('a number in a string (no coercion)', String(fallback)),
    bad('null', null),
    bad('a boolean', true),
    bad('a list', [fallback])
  ];
  if (rule.not !== undefined) trials.push(bad(`${rule.not}, the one value refused`, rule.not));
  return trials;
}

function stringTrials(rule: ValueRule): Trial[] {
  const trials = [bad('a number', 5), bad('null', null), bad('a list', ['x'])];
  const fallback = (rule as { defaultValue?: unknown }).defaultValue;
  if (typeof fallback === 'string') trials.push(ok('its default written out', fallback));
  if (rule.minLength) trials.push(bad('an empty string', ''));
  if (patternOf(rule)) trials.push(bad('a string with a space', 'has space'));
  if (rule.normalize === 'lower-case') trials.push(ok('upper case, stored lower-cased', 'X-Upper-Case', 'x-upper-case'));
  return trials;
}

function listTrials(spec: FieldSpec): Trial[] {
  const entry = spec.entry as ValueRule;
  const entryTrials = spec.kind === 'status-list' ? integerTrials(entry, entry.min as number) : stringTrials(entry);
  const trials = [ok('an empty list', [], []), bad('one value instead of a list', spec.kind === 'status-list' ? 503 : 'x'), bad('an object', {})];
  for (const trial of entryTrials) {
    trials.push(trial.valid ? ok(`entry: ${trial.label}`, [trial.value], [trial.becomes ?? trial.value]) : bad(`entry: ${trial.label}`, [trial.value], '[0]'));
  }
  return trials;
}

function objectTrials(spec: FieldSpec): Trial[] {
  const trials = [ok('an empty object (every key defaulted)', {}), bad('a string', 'x'), bad('a list', []), bad('an unknown key', { zzz: 'x' }, '.zzz')];
  for (const field of spec.fields ?? []) {
    for (const trial of fieldTrials(field)) {
      const value = { [field.name]: trial.value };
      trials.push(trial.valid ? ok(`${field.name}: ${trial.label}`, value) : bad(`${field.name}: ${trial.label}`, value, `.${field.name}${trial.at}`));
    }
  }
  return trials;
}

/** What each kind promises, tried on one field. Nodes are the hand-written table's (their rules span fields). */
function fieldTrials(spec: FieldSpec): Trial[] {
  switch (spec.kind) {
    case 'integer':
      return integerTrials(spec, spec.defaultValue ?? (spec.min as number));
    case 'boolean':
      return [ok('the other switch position', !spec.defaultValue), bad('a string', 'true'), bad('1', 1), bad('0', 0), bad('null', null), bad('a list', [true]), bad('an object', {})];
    case 'string':
      return stringTrials(spec);
    case 'string-list':
    case 'status-list':
      return listTrials(spec);
    case 'object':
      return objectTrials(spec);
    case 'nodes':
      return [];
  }
}

/** A case from a trial; `expected` is what the normalised config must hold for a valid one. */
function caseFor(label: string, fields: Record<string, unknown>, trial: Trial, path: string, expected: Record<string, unknown>): ConfigCase {
  const input = { ...BASE, ...fields };
  return trial.valid
    ? { name: `sweep: ${label}: ${trial.label}`, input, valid: true, config: expected }
    : { name: `sweep: ${label}: ${trial.label}`, input, valid: false, problemPaths: [path + trial.at] };
}

const outcome = (trial: Trial) => (trial.becomes === undefined ? trial.value : trial.becomes);

function sweep(): ConfigCase[] {
  const cases: ConfigCase[] = [];
  for (const spec of configFields()) {
    if (spec.required && spec.kind !== 'nodes') {
      const { [spec.name]: _left, ...without } = MINIMAL as Record<string, unknown>;
      cases.push({ name: `sweep: ${spec.name}: left out (required)`, input: without, valid: false, problemPaths: [spec.name] });
    } else if (!spec.required) {
      cases.push({ name: `sweep: ${spec.name}: left out (defaulted)`, input: MINIMAL, valid: true });
    }
    cases.push({ name: `sweep: ${spec.name}: a misspelt key`, input: { ...MINIMAL, [spec.name + 'X']: 1 }, valid: false, problemPaths: [spec.name + 'X'] });
    for (const trial of fieldTrials(spec)) {
      cases.push(caseFor(spec.name, { [spec.name]: trial.value }, trial, spec.name, { [spec.name]: outcome(trial) }));
    }
    if (spec.kind === 'nodes') {
      for (const field of spec.fields) {
        for (const trial of fieldTrials(field)) {
          const node = { ...FULL_NODE, [field.name]: trial.value };
          cases.push(caseFor(`nodes[0].${field.name}`, { nodes: [node] }, trial, `nodes[0].${field.name}`, { nodes: [{ ...FULL_NODE, [field.name]: outcome(trial) }] }));
        }
      }
    }
  }
  return cases;
}

/** Every generated case: names unique, each invalid one with exactly one problem path. */
export const SWEEP_CASES: ConfigCase[] = sweep();
