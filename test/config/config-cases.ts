// The hand-written configuration cases (cross-field rules, odd inputs) the ES5 validator, its bundle and zod must answer alike (Node, tests).
//
// What each field's kind promises (ranges, wrong types, defaults) is swept from the field table in config-sweep.ts.
import type { PolicyConfig } from '../../policies/core/config-types';

export interface ConfigCase {
  name: string;
  input: unknown;
  valid: boolean;
  /** Invalid rows: exactly the paths with a problem (order-insensitive). */
  problemPaths?: string[];
  /** Valid rows: fields the normalised config must hold (checked with toMatchObject). */
  config?: Partial<PolicyConfig>;
}

export const URL_NODE = { name: 'primary', url: 'https://ase.example.com:8443' };
export const AKANA_NODE = {
  name: 'primary',
  service: '{pi-as-ase-primary_0.0.0}svc_1234.tenant.sandbox',
  interface: '{pi-as-ase-primary_0.0.0}pi-as-ase-primary_PortType_0',
  requestOperation: 'postRequestMetadata',
  responseOperation: 'postResponseMetadata'
};

/** The smallest valid configuration: everything else defaults. */
export const MINIMAL = { aseToken: '', nodes: [URL_NODE] };

function withFields(fields: Record<string, unknown>): Record<string, unknown> {
  return { ...MINIMAL, ...fields };
}

function withNode(node: unknown): Record<string, unknown> {
  return { ...MINIMAL, nodes: [node] };
}

function withUrl(url: unknown): Record<string, unknown> {
  return withNode({ name: 'primary', url });
}

function namedNodes(count: number): Array<{ name: string; url: string }> {
  const nodes: Array<{ name: string; url: string }> = [];
  for (let i = 0; i < count; i++) nodes.push({ name: `ase-${i}`, url: `https://ase-${i}.example.com:8443` });
  return nodes;
}

const SALT_16 = '0123456789abcdef';

function valid(name: string, input: unknown, config?: Partial<PolicyConfig>): ConfigCase {
  return { name, input, valid: true, config };
}

function invalid(name: string, input: unknown, problemPaths: string[]): ConfigCase {
  return { name, input, valid: false, problemPaths };
}

export const CONFIG_CASES: ConfigCase[] = [
  // the whole input
  valid('minimal config: a token and one url node', MINIMAL),
  valid(
    'every field set to a non-default value',
    {
      aseToken: 'Ab9-_.~!#$%&*+/=:;<>?@[]^{}|',
      nodes: [AKANA_NODE, { name: 'secondary', url: 'http://10.0.0.5:8000' }, { ...AKANA_NODE, name: 'both', url: 'https://[2001:db8::7]/' }],
      retryAfterMs: 5000,
      connectTimeoutMs: 100,
      attemptTimeoutMs: 300,
      callBudgetMs: 700,
      extraBlockStatuses: [401, 503],
      failClosed: true,
      asyncMode: true,
      asyncMaxInFlight: 8,
      healthCheck: true,
      trustForwardedFor: false,
      queryTokenParams: ['token', 'access_token'],
      hashSecrets: true,
      hashSalt: SALT_16,
      apiKeyHeaders: ['X-Api-Key', 'apikey'],
      apiKeyParams: ['api_key'],
      diagnostics: true,
      usernameSubjectCategory: 'urn:example:user',
      clientIdSubjectCategory: 'urn:example:app',
      propertyNames: {
        query: 'q',
        method: 'm',
        requestedUrl: 'ru',
        requestLine: 'rl',
        clientUrl: 'cu',
        httpVersion: 'hv',
        statusCode: 'sc'
      }
    },
    { apiKeyHeaders: ['x-api-key', 'apikey'], extraBlockStatuses: [401, 503] }
  ),
  valid('optional fields given as undefined take their defaults', withFields({ retryAfterMs: undefined, apiKeyHeaders: undefined, propertyNames: undefined }), {
    retryAfterMs: 30000,
    apiKeyHeaders: ['x-api-key']
  }),
  invalid('null instead of an object', null, ['']),
  invalid('an array instead of an object', [MINIMAL], ['']),
  invalid('a string instead of an object', 'aseToken=abc', ['']),
  invalid('undefined instead of an object', undefined, ['']),
  invalid('an empty object lacks aseToken and nodes', {}, ['aseToken', 'nodes']),
  invalid('unknown top-level field (typo of retryAfterMs)', withFields({ retryAfter: 30000 }), ['retryAfter']),
  invalid("Ping's snake_case name is unknown here", withFields({ ase_token: 'abc' }), ['ase_token']),
  invalid('an unknown field given as undefined is still unknown', withFields({ retryAfter: undefined }), ['retryAfter']),

  // aseToken
  valid('aseToken of visible ASCII', withFields({ aseToken: 'kP3x-9Zq_aV~' }), { aseToken: 'kP3x-9Zq_aV~' }),
  invalid('aseToken with a space', withFields({ aseToken: 'abc def' }), ['aseToken']),
  invalid('aseToken with a line break (header injection)', withFields({ aseToken: 'abc\r\nX-Evil: 1' }), ['aseToken']),
  invalid('aseToken with a non-ASCII character', withFields({ aseToken: 'tokén' }), ['aseToken']),

  // nodes: the list
  invalid('nodes empty', withFields({ nodes: [] }), ['nodes']),
  valid('nodes: 16 is the maximum', withFields({ nodes: namedNodes(16) })),
  invalid('nodes: 17 is one too many', withFields({ nodes: namedNodes(17) }), ['nodes']),
  invalid('nodes as an object instead of an array', withFields({ nodes: URL_NODE }), ['nodes']),
  invalid('a node that is a string', withFields({ nodes: ['https://ase.example.com:8443'] }), ['nodes[0]']),
  invalid('a node that is null, after a good one', withFields({ nodes: [URL_NODE, null] }), ['nodes[1]']),
  invalid('duplicate node names', withFields({ nodes: [URL_NODE, { name: 'primary', url: 'https://ase2.example.com' }] }), ['nodes[1].name']),
  invalid(
    'three nodes with one name: both later ones reported',
    withFields({ nodes: [URL_NODE, URL_NODE, URL_NODE] }),
    ['nodes[1].name', 'nodes[2].name']
  ),

  // nodes: name
  valid('node name with dot, underscore and dash', withNode({ name: 'ase-1.dc_2', url: 'https://h' })),
  valid('node name of 64 characters', withNode({ name: 'n'.repeat(64), url: 'https://h' })),
  invalid('node name of 65 characters', withNode({ name: 'n'.repeat(65), url: 'https://h' }), ['nodes[0].name']),
  invalid('node name with a space', withNode({ name: 'pri mary', url: 'https://h' }), ['nodes[0].name']),
  invalid('node name empty', withNode({ name: '', url: 'https://h' }), ['nodes[0].name']),
  invalid('node name missing', withNode({ url: 'https://h' }), ['nodes[0].name']),
  invalid('unknown node field', withNode({ ...URL_NODE, host: 'ase.example.com' }), ['nodes[0].host']),
  invalid('node without any address', withNode({ name: 'primary' }), ['nodes[0]']),

  // nodes: url
  valid('url with a trailing slash is normalised', withUrl('https://ase.example.com:8443/'), {
    nodes: [{ name: 'primary', url: 'https://ase.example.com:8443' }]
  }),
  valid('url with an IPv6 literal and port', withUrl('http://[::1]:8443'), { nodes: [{ name: 'primary', url: 'http://[::1]:8443' }] }),
  valid('url with an IPv4 address, no port', withUrl('http://10.0.0.5')),
  valid('url with port 65535', withUrl('https://ase.example.com:65535')),
  valid('url with a single-label host', withUrl('http://localhost:8000')),
  valid('url with an IPv4-mapped IPv6 literal', withUrl('http://[::ffff:10.0.0.1]:8000')),
  invalid('url host with a trailing dot', withUrl('https://ase.example.com.:8443'), ['nodes[0].url']),
  invalid('url without a scheme', withUrl('ase.example.com:8443'), ['nodes[0].url']),
  invalid('url with a path', withUrl('https://ase.example.com:8443/ase'), ['nodes[0].url']),
  invalid('url with a query', withUrl('https://ase.example.com:8443/?token=x'), ['nodes[0].url']),
  invalid('url with a fragment', withUrl('https://ase.example.com#x'), ['nodes[0].url']),
  invalid('url with the ftp: scheme', withUrl('ftp://ase.example.com'), ['nodes[0].url']),
  invalid('url with an upper-case scheme', withUrl('HTTPS://ase.example.com'), ['nodes[0].url']),
  invalid('url with user and password', withUrl('https://admin:secret@ase.example.com'), ['nodes[0].url']),
  invalid('url with port 0', withUrl('https://ase.example.com:0'), ['nodes[0].url']),
  invalid('url with port 65536', withUrl('https://ase.example.com:65536'), ['nodes[0].url']),
  invalid('url with an empty port', withUrl('https://ase.example.com:'), ['nodes[0].url']),
  invalid('url without a host', withUrl('https://'), ['nodes[0].url']),
  invalid('url host starting with a dash', withUrl('https://-ase.example.com'), ['nodes[0].url']),
  invalid('url with an unbracketed IPv6 address', withUrl('http://::1:8443'), ['nodes[0].url']),
  invalid('url empty', withUrl(''), ['nodes[0].url']),

  // nodes: Akana fields
  valid('Akana node without url', withNode(AKANA_NODE), { nodes: [AKANA_NODE] }),
  valid('node with both url and the Akana fields', withNode({ ...AKANA_NODE, url: 'https://ase.example.com' })),
  invalid(
    'Akana node with service and interface only',
    withNode({ name: 'primary', service: AKANA_NODE.service, interface: AKANA_NODE.interface }),
    ['nodes[0].requestOperation', 'nodes[0].responseOperation']
  ),
  invalid(
    'a url does not excuse a partial Akana set',
    withNode({ ...URL_NODE, requestOperation: 'postRequestMetadata' }),
    ['nodes[0].service', 'nodes[0].interface', 'nodes[0].responseOperation']
  ),
  invalid('Akana service without {namespace}', withNode({ ...AKANA_NODE, service: 'svc_1234' }), ['nodes[0].service']),
  invalid('Akana interface with a space', withNode({ ...AKANA_NODE, interface: '{ns}port type' }), ['nodes[0].interface']),
  invalid('Akana service with an empty namespace', withNode({ ...AKANA_NODE, service: '{}svc' }), ['nodes[0].service']),

  // time limits: budget and attempt are independent
  valid('callBudgetMs shorter than one attempt is honoured, not rejected', withFields({ attemptTimeoutMs: 500, callBudgetMs: 200 }), {
    callBudgetMs: 200
  }),

  // extraBlockStatuses
  valid('block statuses at both edges, and 403 again', withFields({ extraBlockStatuses: [100, 403, 599] })),
  invalid('block status 200 would block every call', withFields({ extraBlockStatuses: [401, 200] }), ['extraBlockStatuses[1]']),
  invalid('block statuses repeated', withFields({ extraBlockStatuses: [503, 401, 503] }), ['extraBlockStatuses[2]']),

  // parameter and header lists
  valid('header names are lower-cased', withFields({ apiKeyHeaders: ['X-API-Key', "Weird!#$%&'*+.^_`|~-Name"] }), {
    apiKeyHeaders: ['x-api-key', "weird!#$%&'*+.^_`|~-name"]
  }),
  invalid('header names with a space, a colon, or empty', withFields({ apiKeyHeaders: ['x api key', 'x-key:', ''] }), [
    'apiKeyHeaders[0]',
    'apiKeyHeaders[1]',
    'apiKeyHeaders[2]'
  ]),

  // excludedHeaders: identifier headers only with allowExcludingIdentifierHeaders
  valid('excluded headers are lower-cased', withFields({ excludedHeaders: ['X-Internal-Secret', 'x-hop'] }), {
    excludedHeaders: ['x-internal-secret', 'x-hop'],
    allowExcludingIdentifierHeaders: false
  }),
  invalid(
    'excluding an identifier header is refused: host, authorization, cookie, x-forwarded-for, the default API-key header',
    withFields({ excludedHeaders: ['Host', 'authorization', 'COOKIE', 'x-forwarded-for', 'x-api-key', 'x-fine'] }),
    ['excludedHeaders[0]', 'excludedHeaders[1]', 'excludedHeaders[2]', 'excludedHeaders[3]', 'excludedHeaders[4]']
  ),
  invalid(
    "the configured apiKeyHeaders are identifiers, and a header no longer in them is not",
    withFields({ apiKeyHeaders: ['X-Key'], excludedHeaders: ['x-key', 'x-api-key'] }),
    ['excludedHeaders[0]']
  ),
  valid(
    'identifier headers excluded knowingly',
    withFields({ allowExcludingIdentifierHeaders: true, excludedHeaders: ['host', 'Authorization', 'x-api-key'] }),
    { excludedHeaders: ['host', 'authorization', 'x-api-key'], allowExcludingIdentifierHeaders: true }
  ),
  invalid(
    'allowExcludingIdentifierHeaders must be true itself, not truthy',
    withFields({ allowExcludingIdentifierHeaders: 'yes', excludedHeaders: ['cookie'] }),
    ['allowExcludingIdentifierHeaders', 'excludedHeaders[0]']
  ),
  invalid('a malformed excluded name and an identifier, each reported', withFields({ excludedHeaders: ['bad header', 'cookie'] }), [
    'excludedHeaders[0]',
    'excludedHeaders[1]'
  ]),
  invalid('apiKeyHeaders not a list: only the fixed identifiers are refused', withFields({ apiKeyHeaders: 'x-api-key', excludedHeaders: ['x-api-key'] }), [
    'apiKeyHeaders'
  ]),

  // hashSecrets and hashSalt
  valid('hashSecrets with a 16-character salt', withFields({ hashSecrets: true, hashSalt: SALT_16 })),
  valid('a short salt is fine while hashSecrets is off', withFields({ hashSecrets: false, hashSalt: 'short' })),
  invalid('hashSecrets without a salt', withFields({ hashSecrets: true }), ['hashSalt']),
  invalid('hashSecrets with a 15-character salt', withFields({ hashSecrets: true, hashSalt: SALT_16.slice(1) }), ['hashSalt']),
  invalid('hashSalt as a number, hashSecrets on', withFields({ hashSecrets: true, hashSalt: 1234567890123456 }), ['hashSalt']),
  invalid('hashSecrets not a boolean: the salt rule does not apply', withFields({ hashSecrets: 'yes', hashSalt: 'short' }), ['hashSecrets']),

  // subject categories
  valid('custom subject categories', withFields({ usernameSubjectCategory: 'urn:x:user', clientIdSubjectCategory: 'urn:x:app' }), {
    usernameSubjectCategory: 'urn:x:user'
  }),

  // propertyNames
  valid('propertyNames: one name changed, the others keep their defaults', withFields({ propertyNames: { method: 'x.method' } }), {
    propertyNames: {
      query: 'com.soa.message.TRANSPORT_QUERY',
      method: 'x.method',
      requestedUrl: 'http.requested.url',
      requestLine: 'http.request.line',
      clientUrl: 'http.client.url',
      httpVersion: 'http.version',
      statusCode: 'http.status.code.property'
    }
  }),

  // several problems at once: every one is reported, none hides another
  invalid(
    'problems everywhere at once',
    {
      aseToken: 'has space',
      nodes: [
        { name: 'a', url: 'ftp://x' },
        { name: 'a', service: '{ns}svc' },
        5
      ],
      retryAfterMs: 1.5,
      retryAfter: 1,
      hashSecrets: true,
      hashSalt: 'short',
      extraBlockStatuses: [200, 503, 503],
      apiKeyHeaders: ['bad header'],
      propertyNames: { method: '', foo: 'bar' }
    },
    [
      'aseToken',
      'nodes[0].url',
      'nodes[1].name',
      'nodes[1].interface',
      'nodes[1].requestOperation',
      'nodes[1].responseOperation',
      'nodes[2]',
      'retryAfterMs',
      'retryAfter',
      'hashSalt',
      'extraBlockStatuses[0]',
      'extraBlockStatuses[2]',
      'apiKeyHeaders[0]',
      'propertyNames.method',
      'propertyNames.foo'
    ]
  ),
  invalid(
    'too many nodes, a fraction and a missing salt: list-level and cross-field rules still run',
    withFields({ nodes: [...namedNodes(17), { name: 'ase-0', url: 'https://dup' }], retryAfterMs: 2.5, hashSecrets: true }),
    ['nodes', 'nodes[17].name', 'retryAfterMs', 'hashSalt']
  )
];
