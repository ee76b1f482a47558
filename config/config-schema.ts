// zod schema of the operator configuration: validation, JSON Schema and the README reference table (Node only).
//
// The rules are documented at the top of policies/core/config.ts, which the policies run; this schema
// takes its patterns, limits, messages and cross-field checks from there, and test/config/ proves
// that both validators accept, reject and normalise the same inputs.
import { z } from 'zod';
import { CONFIG_DEFAULTS, DEFAULT_PROPERTY_NAMES, type PolicyConfig, type PropertyNames } from '../policies/core/config-types';
import {
  AKANA_NODE_FIELDS,
  LIMITS,
  PATTERNS,
  RULES,
  checkHashSalt,
  checkNodeList,
  checkStatusList,
  formatPath,
  knownFieldsAt,
  listEntryRule,
  propertyNameRule,
  ruleMessage,
  unknownFieldMessage,
  type ConfigProblem,
  type FieldRule,
  type MsField,
  type ProblemSink
} from '../policies/core/config';

/** Every issue a field raises carries that field's one message (so both validators word it alike). */
function says(rule: FieldRule) {
  return { error: (issue: { path?: PropertyKey[]; input?: unknown }) => ruleMessage(rule, formatPath(issue.path ?? []), issue.input) };
}

/** A cross-field check from config.ts, reporting into a zod refinement. */
function sinkFor(ctx: z.core.$RefinementCtx<unknown>): ProblemSink {
  return (relativePath, message) => ctx.addIssue({ code: 'custom', path: relativePath, message, input: ctx.value });
}

function isWholeNumber(value: number): boolean {
  return Math.floor(value) === value;
}

// Integer checks are refinements rather than .int(), and the node limit a refinement rather than
// .max(): zod's .int() and leading .max() stop the whole parse early, which would skip the
// cross-field rules below and make zod report fewer problems than the ES5 validator.
function wholeMs(field: MsField, description: string) {
  const rule = RULES[field];
  return z
    .number(says(rule))
    .refine(isWholeNumber, says(rule))
    .min(LIMITS[field].min, says(rule))
    .max(LIMITS[field].max, says(rule))
    .meta({ type: 'integer' })
    .default(CONFIG_DEFAULTS[field])
    .describe(description);
}

function flag(field: 'failClosed' | 'asyncMode' | 'trustForwardedFor' | 'hashSecrets' | 'diagnostics', description: string) {
  return z.boolean(says(RULES[field])).default(CONFIG_DEFAULTS[field]).describe(description);
}

function nonEmptyString(rule: FieldRule) {
  return z.string(says(rule)).min(1, says(rule));
}

function matching(rule: FieldRule, pattern: RegExp) {
  return z.string(says(rule)).regex(pattern, says(rule));
}

function queryParamList(field: 'queryTokenParams' | 'apiKeyParams', description: string) {
  return z
    .array(nonEmptyString(listEntryRule(field)), says(RULES[field]))
    .default(() => CONFIG_DEFAULTS[field].slice())
    .describe(description);
}

function propertyName(key: keyof PropertyNames, description: string) {
  return nonEmptyString(propertyNameRule(key)).default(DEFAULT_PROPERTY_NAMES[key]).describe(description);
}

const akanaRequired = AKANA_NODE_FIELDS.reduce<Record<string, string[]>>((acc, field) => {
  acc[field] = AKANA_NODE_FIELDS.filter((other) => other !== field);
  return acc;
}, {});

/** A JSON Schema branch that requires fields and declares them (any value: the node's properties type them). */
function requiring(fields: ReadonlyArray<string>): { properties: Record<string, true>; required: string[] } {
  return { properties: Object.fromEntries(fields.map((field) => [field, true])), required: fields.slice() };
}

export const nodeSchema = z
  .strictObject(
    {
      name: matching(RULES.name, PATTERNS.nodeName).describe(
        'Short label of this ASE node in logs and health state, unique across nodes: 1 to 64 characters from A-Z a-z 0-9 . _ -.'
      ),
      url: matching(RULES.url, PATTERNS.nodeUrl)
        .overwrite((url) => url.replace(/\/$/, ''))
        .optional()
        .describe(
          'Node host: the ASE data port (not the 8010 management port) as http(s)://host:port, e.g. https://ase.example.com:8443 ' +
            'or http://[::1]:8000. No path: the policy adds /ase/request and /ase/response. A trailing / is dropped.'
        ),
      service: matching(RULES.service, PATTERNS.qname)
        .optional()
        .describe("Akana: '{namespace}name' of the API registered in Policy Manager for this ASE node (Ping's primary_ase_service)."),
      interface: matching(RULES['interface'], PATTERNS.qname)
        .optional()
        .describe("Akana: '{namespace}name' of that API's interface (port type) (Ping's primary_ase_interface)."),
      requestOperation: nonEmptyString(RULES.requestOperation)
        .optional()
        .describe("Akana: that API's operation that POSTs /ase/request, e.g. postRequestMetadata."),
      responseOperation: nonEmptyString(RULES.responseOperation)
        .optional()
        .describe("Akana: that API's operation that POSTs /ase/response, e.g. postResponseMetadata.")
    },
    says(RULES.node)
  )
  .meta({
    description:
      'One ASE node: a name, and a url (Node host) or the four Akana fields (Akana host), or both. ' +
      'Setting some Akana fields requires all four.',
    // Each branch names the properties it requires (ajv's strictRequired): their rules are above.
    anyOf: [requiring(['url']), requiring(AKANA_NODE_FIELDS)],
    dependentRequired: akanaRequired
  });

export const propertyNamesSchema = z
  .strictObject(
    {
      query: propertyName('query', 'Message property holding the query string.'),
      method: propertyName('method', 'Property holding the HTTP method.'),
      requestedUrl: propertyName('requestedUrl', 'Property holding the requested URL (path fallback).'),
      requestLine: propertyName('requestLine', 'Property holding the HTTP request line (path and version fallback).'),
      clientUrl: propertyName('clientUrl', 'Property holding the client address as a URL (source IP and port).'),
      httpVersion: propertyName('httpVersion', 'Property holding the HTTP version.'),
      statusCode: propertyName('statusCode', 'Property holding the response status on OUT and FAULT messages.')
    },
    says(RULES.propertyNames)
  )
  .prefault({})
  .describe(
    'Akana message and exchange property names the adapter reads. Give only the ones to change; ' +
      'diagnostics shows the real names on one call.'
  );

const extraBlockStatusSchema = z
  .number(says(RULES.extraBlockStatus))
  .refine(isWholeNumber, says(RULES.extraBlockStatus))
  .min(LIMITS.status.min, says(RULES.extraBlockStatus))
  .max(LIMITS.status.max, says(RULES.extraBlockStatus))
  .refine((status) => status !== 200, says(RULES.extraBlockStatus))
  .meta({ type: 'integer', not: { const: 200 } });

export const policyConfigSchema = z
  .strictObject(
    {
      aseToken: matching(RULES.aseToken, PATTERNS.aseToken).describe(
        "Sideband token sent as the ASE-Token header (ASE's cli.sh create_sideband_token); '' sends no token. " +
          'Visible ASCII only. Never logged.'
      ),
      nodes: z
        .array(nodeSchema, says(RULES.nodes))
        .superRefine((nodes, ctx) => checkNodeList(nodes, sinkFor(ctx)), { when: (payload) => Array.isArray(payload.value) })
        .meta({
          minItems: LIMITS.minNodes,
          maxItems: LIMITS.maxNodes,
          description:
            'ASE nodes, tried in order: the first is the primary. A node that fails at the transport level is ' +
            'skipped for retryAfterMs and the call moves on to the next one. 1 to 16 nodes.'
        }),
      retryAfterMs: wholeMs(
        'retryAfterMs',
        'How long a node that failed at the transport level (refused, timeout, reset) is skipped, in ms. 0 to 3600000.'
      ),
      connectTimeoutMs: wholeMs(
        'connectTimeoutMs',
        'Connect timeout of one attempt, in ms, where the host controls connecting (Node host; Akana uses its own API settings). 1 to 60000.'
      ),
      attemptTimeoutMs: wholeMs('attemptTimeoutMs', 'Timeout of one attempt on one node, connect included, in ms. 1 to 60000.'),
      callBudgetMs: wholeMs(
        'callBudgetMs',
        'Time budget of one sideband call across all failover attempts, in ms; no new attempt starts once it is spent. 1 to 120000.'
      ),
      extraBlockStatuses: z
        .array(extraBlockStatusSchema, says(RULES.extraBlockStatuses))
        .superRefine((statuses, ctx) => checkStatusList(statuses, sinkFor(ctx)), { when: (payload) => Array.isArray(payload.value) })
        .meta({ uniqueItems: true })
        .default(() => CONFIG_DEFAULTS.extraBlockStatuses.slice())
        .describe(
          'ASE statuses that block the client with 403 besides 403 itself, e.g. [401, 503] as in the Axway sample. ' +
            'Distinct, 100 to 599, never 200.'
        ),
      failClosed: flag(
        'failClosed',
        'When no ASE node could be reached: true answers the client 503, false forwards the call (fail-open).'
      ),
      asyncMode: flag(
        'asyncMode',
        'Detect only: send the metadata without waiting for ASE, so ASE never blocks and never delays a call ' +
          '(failClosed and extraBlockStatuses then have no effect).'
      ),
      trustForwardedFor: flag(
        'trustForwardedFor',
        'Take the client IP from the first X-Forwarded-For entry (a client can forge it unless a trusted proxy sets it); ' +
          'false uses the socket peer.'
      ),
      queryTokenParams: queryParamList(
        'queryTokenParams',
        'Query parameters whose value is an OAuth token; ASE gets it as Authorization: Bearer when no Authorization header is present.'
      ),
      hashSecrets: flag(
        'hashSecrets',
        'Send tokens, API keys and cookies to ASE as salted SHA-256 hashes instead of raw values (ASE deny lists then hold hashes). ' +
          'Requires hashSalt.'
      ),
      hashSalt: z
        .string(says(RULES.hashSalt))
        .default(CONFIG_DEFAULTS.hashSalt)
        .describe(
          'Secret salt for hashSecrets: at least 16 characters when hashSecrets is true, the same on every gateway ' +
            '(same salt, same hash). Never logged.'
        ),
      apiKeyHeaders: z
        .array(matching(listEntryRule('apiKeyHeaders'), PATTERNS.headerName).toLowerCase(), says(RULES.apiKeyHeaders))
        .default(() => CONFIG_DEFAULTS.apiKeyHeaders.slice())
        .describe('Header names that carry an API key (lower-cased), hashed when hashSecrets is true.'),
      apiKeyParams: queryParamList('apiKeyParams', 'Query parameter names that carry an API key, hashed when hashSecrets is true.'),
      diagnostics: flag(
        'diagnostics',
        'Log every host property name with its value (secrets masked) on each call, to confirm the propertyNames. ' +
          'For a test call, not for production.'
      ),
      usernameSubjectCategory: nonEmptyString(RULES.usernameSubjectCategory)
        .default(CONFIG_DEFAULTS.usernameSubjectCategory)
        .describe('Akana security subject category of the end user, sent to ASE as user_info username.'),
      clientIdSubjectCategory: nonEmptyString(RULES.clientIdSubjectCategory)
        .default(CONFIG_DEFAULTS.clientIdSubjectCategory)
        .describe('Akana security subject category of the consumer application, sent to ASE as user_info client_id.'),
      propertyNames: propertyNamesSchema
    },
    says(RULES.config)
  )
  .superRefine((config, ctx) => checkHashSalt(config.hashSecrets, config.hashSalt, sinkFor(ctx)), {
    when: (payload) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value)
  })
  .meta({
    title: 'PingIntelligence ASE sideband policy configuration',
    description: 'What the operator sets in config.js (Akana) or passes to the Node host. Unknown fields are rejected.',
    if: { properties: { hashSecrets: { const: true } }, required: ['hashSecrets'] },
    then: { properties: { hashSalt: { type: 'string', minLength: LIMITS.hashSaltMinLength } }, required: ['hashSalt'] }
  });

// The parsed output is exactly the PolicyConfig the policies run on.
const outputIsPolicyConfig: (config: z.output<typeof policyConfigSchema>) => PolicyConfig = (config) => config;
void outputIsPolicyConfig;

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
  if (result.success && !problem) return { ok: true, config: result.data };
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
