// The policy configuration's types and defaults, computed from the field table so the compiler catches drift (ES5 engine and Node).
//
// Read config-fields.ts for what each field is; here each entry's kind becomes a TypeScript type:
// string, integer -> number, boolean, string-list -> string[], status-list -> number[], nodes ->
// AseNode[], object -> an object of its fields. A field with a default or marked required is always
// present in a validated config; any other (a node's url, service, ...) is optional.

import type { ConfigFieldTable } from './config-fields';
import { configFields, propertyNameFields, type FieldSpec } from './config-fields';

interface KindValue {
  string: string;
  integer: number;
  boolean: boolean;
  'string-list': string[];
  'status-list': number[];
}

type TableEntry = ConfigFieldTable[number];
type NodeEntry = Extract<TableEntry, { kind: 'nodes' }>['fields'][number];
type PropertyNameEntry = Extract<TableEntry, { kind: 'object' }>['fields'][number];

/** Present in every validated config: required, defaulted, or an object of defaulted fields. */
type Present<E> = E extends { required: true } ? true : E extends { defaultValue: unknown } ? true : E extends { kind: 'object' } ? true : false;

type ValueOf<E> = E extends { kind: 'nodes' }
  ? AseNode[]
  : E extends { kind: 'object'; fields: ReadonlyArray<infer F> }
    ? ObjectOf<F>
    : E extends { kind: infer K extends keyof KindValue }
      ? KindValue[K]
      : never;

type Flat<T> = { [K in keyof T]: T[K] };

type ObjectOf<E> = Flat<
  { [F in E as F extends { name: infer N extends string } ? (Present<F> extends true ? N : never) : never]: ValueOf<F> } & {
    [F in E as F extends { name: infer N extends string } ? (Present<F> extends true ? never : N) : never]?: ValueOf<F>;
  }
>;

/**
 * One ASE node. Akana reaches a node through an API registered in Policy Manager (service,
 * interface, operations); the Node host reaches it by URL. A node may carry both forms.
 */
export interface AseNode extends ObjectOf<NodeEntry> {}

/** Akana property names the adapter reads; config can override each one. */
export interface PropertyNames extends ObjectOf<PropertyNameEntry> {}

/** The validated configuration every host runs on (defaults applied). */
export interface PolicyConfig extends ObjectOf<TableEntry> {}

/** The name of every field that has a default value. */
type DefaultedName = Extract<TableEntry, { defaultValue: unknown }>['name'];

/** Defaults of the fields that have one (aseToken and nodes are required; propertyNames: DEFAULT_PROPERTY_NAMES). */
export type ConfigDefaults = Pick<PolicyConfig, DefaultedName>;

function defaultsOf(fields: ReadonlyArray<FieldSpec>): { [name: string]: unknown } {
  var out: { [name: string]: unknown } = {};
  for (var i = 0; i < fields.length; i++) {
    var value = fields[i].defaultValue;
    if (value !== undefined) out[fields[i].name] = value instanceof Array ? value.slice() : value;
  }
  return out;
}

function configDefaults(): ConfigDefaults {
  return defaultsOf(configFields()) as unknown as ConfigDefaults;
}

function defaultPropertyNames(): PropertyNames {
  return defaultsOf(propertyNameFields()) as unknown as PropertyNames;
}

/** Every default, copied from the table (for tests and tooling: the validator reads the table itself). */
export var CONFIG_DEFAULTS = /* @__PURE__ */ configDefaults();

export var DEFAULT_PROPERTY_NAMES = /* @__PURE__ */ defaultPropertyNames();
