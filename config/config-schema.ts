// zod schema of the operator configuration, derived from the field table: validation and JSON Schema (Node only).
//
// Every field's schema is built from its entry in policies/core/config-fields.ts (kind, pattern,
// range, default, message); the cross-field rules are the ES5 validator's own functions. The same
// messages come out of both validators, and test/config/ proves they accept, reject and normalise
// the same inputs.
import { z } from 'zod';
import { akanaNodeFields, configFields, patternOf, type FieldSpec, type ValueRule } from '../policies/core/config-fields';
import {
  checkAcrossFields,
  checkNodeList,
  checkStatusList,
  configRootRule,
  formatPath,
  knownFieldsAt,
  ruleMessage,
  unknownFieldMessage,
  type ConfigProblem,
  type ProblemSink
} from '../policies/core/config';
import { exampleOf, whatOf } from '../policies/core/config-messages';
import type { PolicyConfig } from '../policies/core/config-types';

/** Every issue a field raises carries that field's one message (so both validators word it alike). */
function says(rule: ValueRule) {
  return { error: (issue: { path?: PropertyKey[]; input?: unknown }) => ruleMessage(rule, formatPath(issue.path ?? []), issue.input) };
}

/** A cross-field check from the core, reporting into a zod refinement. */
function sinkFor(ctx: z.core.$RefinementCtx<unknown>): ProblemSink {
  return (relativePath, message) => ctx.addIssue({ code: 'custom', path: relativePath, message, input: ctx.value });
}

const whenArray = { when: (payload: { value: unknown }) => Array.isArray(payload.value) };

/** What a value must be, as the docs say it: the message's sentence and an example (a switch needs none). */
export function valueText(rule: ValueRule): string {
  const example = (rule as FieldSpec).kind === 'boolean' ? '' : `; e.g. ${exampleOf(rule)}`;
  return whatOf(rule) + example;
}

/** What the JSON Schema says of a field: what it is for, then what it must be. */
export function describeField(rule: ValueRule): string {
  return `${rule.about ?? ''} Value: ${valueText(rule)}.`.trim();
}

function stringSchema(rule: ValueRule) {
  let schema = z.string(says(rule));
  if (rule.minLength) schema = schema.min(rule.minLength, says(rule));
  const pattern = patternOf(rule);
  if (pattern) schema = schema.regex(pattern, says(rule));
  if (rule.normalize === 'lower-case') return schema.toLowerCase();
  if (rule.normalize === 'no-trailing-slash') return schema.overwrite((value) => value.replace(/\/$/, ''));
  return schema;
}

// Integer checks are refinements rather than .int(): zod's .int() stops the whole parse early, which
// would skip the cross-field rules and make zod report fewer problems than the ES5 validator.
function integerSchema(rule: ValueRule) {
  let schema = z
    .number(says(rule))
    .refine((value) => Math.floor(value) === value, says(rule))
    .min(rule.min as number, says(rule))
    .max(rule.max as number, says(rule));
  const not = rule.not;
  if (not !== undefined) schema = schema.refine((value) => value !== not, says(rule));
  return schema.meta(not === undefined ? { type: 'integer' } : { type: 'integer', not: { const: not } });
}

/** A JSON Schema branch that requires fields and declares them (any value: the node's properties type them). */
function requiring(fields: ReadonlyArray<string>): { properties: Record<string, true>; required: string[] } {
  return { properties: Object.fromEntries(fields.map((field) => [field, true])), required: fields.slice() };
}

/** A node: strict keys, and in the JSON Schema the address rule of checkNodeList. */
function nodeSchema(spec: FieldSpec) {
  const akana = akanaNodeFields().map((field) => field.name);
  const dependentRequired: Record<string, string[]> = {};
  for (const field of akana) dependentRequired[field] = akana.filter((other) => other !== field);
  return z.strictObject(shapeOf(spec.fields ?? []), says(spec.entry as ValueRule)).meta({
    description: describeField(spec.entry as ValueRule),
    // Each branch names the properties it requires (ajv's strictRequired): their rules are in the node's properties.
    anyOf: [requiring(['url']), requiring(akana)],
    dependentRequired
  });
}

// The node list's length is a refinement (checkNodeList) rather than .max(): a leading .max() stops
// the parse early, as .int() does.
function kindSchema(spec: FieldSpec): z.ZodType {
  switch (spec.kind) {
    case 'string':
      return stringSchema(spec);
    case 'integer':
      return integerSchema(spec);
    case 'boolean':
      return z.boolean(says(spec));
    case 'string-list':
      return z.array(stringSchema(spec.entry), says(spec));
    case 'status-list':
      return z
        .array(integerSchema(spec.entry), says(spec))
        .superRefine((statuses, ctx) => checkStatusList(statuses, sinkFor(ctx)), whenArray)
        .meta({ uniqueItems: true });
    case 'nodes':
      return z
        .array(nodeSchema(spec), says(spec))
        .superRefine((nodes, ctx) => checkNodeList(nodes, sinkFor(ctx)), whenArray)
        .meta({ minItems: spec.min, maxItems: spec.max });
    case 'object':
      return z.strictObject(shapeOf(spec.fields), says(spec)).prefault({});
  }
}

/** A field's schema with its default (a fresh copy of a list each time) and its description. */
function fieldSchema(spec: FieldSpec): z.ZodType {
  const schema = kindSchema(spec);
  const value = spec.defaultValue;
  const withDefault =
    value !== undefined ? schema.default(Array.isArray(value) ? () => value.slice() : value) : spec.required || spec.kind === 'object' ? schema : schema.optional();
  return withDefault.describe(describeField(spec));
}

function shapeOf(fields: ReadonlyArray<FieldSpec>): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const spec of fields) shape[spec.name] = fieldSchema(spec);
  return shape;
}

const hashSaltMinLength = configFields().find((field) => field.name === 'hashSalt')?.hashingMinLength;

export const policyConfigSchema = z
  .strictObject(shapeOf(configFields()), says(configRootRule()))
  .superRefine((config, ctx) => checkAcrossFields(config, sinkFor(ctx)), {
    when: (payload) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value)
  })
  .meta({
    title: 'PingIntelligence ASE sideband policy configuration',
    description: 'What the operator sets in config.js (Akana) or passes to the Node host. Unknown fields are rejected.',
    if: { properties: { hashSecrets: { const: true } }, required: ['hashSecrets'] },
    then: { properties: { hashSalt: { type: 'string', minLength: hashSaltMinLength } }, required: ['hashSalt'] }
  });

/** JSON Schema (draft 2020-12) of what an operator writes: defaults shown, optional fields optional. */
export function configJsonSchema(): object {
  const schema = z.toJSONSchema(policyConfigSchema, { io: 'input' }) as { properties: Record<string, unknown> };
  schema.properties = { [SCHEMA_KEY]: SCHEMA_KEY_JSON_SCHEMA, ...schema.properties };
  return schema;
}

/** The one extra top-level key a config file may hold: editors read it to find this schema; the policies ignore it. */
export const SCHEMA_KEY = '$schema';
const SCHEMA_KEY_JSON_SCHEMA = {
  type: 'string',
  description: 'Path or URL of this JSON Schema, for editors (e.g. ./node_modules/pi-api-akana-policy/dist/config.schema.json). Ignored by the policies.'
};

/** raw without its $schema key; a $schema that is not a string is a problem (an editor could not use it either). */
function withoutSchemaKey(raw: unknown): { raw: unknown; problem?: ConfigProblem } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !Object.prototype.hasOwnProperty.call(raw, SCHEMA_KEY)) return { raw };
  const { [SCHEMA_KEY]: link, ...rest } = raw as Record<string, unknown>;
  if (typeof link === 'string') return { raw: rest };
  return { raw: rest, problem: { path: SCHEMA_KEY, message: `${SCHEMA_KEY} must be a string: the path or URL of config.schema.json (or remove it)` } };
}

export type ZodConfigResult = { ok: true; config: PolicyConfig } | { ok: false; problems: ConfigProblem[] };

/** Validates with zod; problems use the ES5 validator's paths ("nodes[1].url"), at most one per path. A string $schema is allowed. */
export function validateConfigWithZod(input: unknown): ZodConfigResult {
  const { raw, problem } = withoutSchemaKey(input);
  const result = policyConfigSchema.safeParse(raw);
  if (result.success && !problem) return { ok: true, config: result.data as unknown as PolicyConfig };
  const problems: ConfigProblem[] = problem ? [problem] : [];
  if (result.success) return { ok: false, problems };
  const seen = new Set<string>();
  const add = (path: string, message: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    problems.push({ path, message });
  };
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const parent = formatPath(issue.path);
      for (const key of issue.keys) add(formatPath([...issue.path, key]), unknownFieldMessage(parent, key, knownFieldsAt(issue.path)));
    } else {
      add(formatPath(issue.path), issue.message);
    }
  }
  return { ok: false, problems };
}
