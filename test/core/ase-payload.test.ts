// Tests (Node) of the /ase/request and /ase/response bodies: one exact expected body per rule of shared/ase-sideband.md.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aseRequestBodySchema, aseResponseBodySchema } from '../../node/ase-contract/wire-schema';
import {
  buildRequestBody,
  buildResponseBody,
  MAX_HEADER_TEXT,
  normalizeHttpVersion,
  reasonPhrase,
  type AseRequestBody,
  type AseResponseBody
} from '../../policies/core/ase-payload';
import type { PolicyConfig } from '../../policies/core/config-types';
import { validateConfig } from '../../policies/core/config';
import { fields, makeCall, makeConfig, makeResponse, type CallOverrides } from './fixtures';

const h = (value: string, salt = 'salt'): string =>
  'h:' + createHash('sha256').update(`${salt}\n${value}`, 'utf8').digest('hex').slice(0, 32);

/** The body makeCall() gives, with fields replaced. */
function base(changes: Partial<AseRequestBody> = {}): AseRequestBody {
  return {
    source_ip: '203.0.113.7',
    source_port: 51544,
    method: 'GET',
    url: '/shop/items?limit=10',
    http_version: '1.1',
    headers: [{ host: 'api.example.com' }],
    ...changes
  };
}

interface RequestCase {
  name: string;
  call: CallOverrides;
  config?: Partial<PolicyConfig>;
  body: AseRequestBody | null;
  /** zod's z.record copies entries by assignment and so loses a "__proto__" key: the schema cannot judge that body. */
  skipSchema?: boolean;
}

const hashing: Partial<PolicyConfig> = { hashSecrets: true, hashSalt: 'salt', apiKeyHeaders: ['X-API-Key'], apiKeyParams: ['api_key'] };
const long = 'k'.repeat(MAX_HEADER_TEXT + 100);

const requestCases: RequestCase[] = [
  { name: 'the spec example', call: {}, body: base() },
  {
    name: 'one object per header value, names lower-cased and trimmed, empty names dropped',
    call: {
      request: {
        headers: fields(['Host', 'api.example.com'], [' Accept ', 'a'], ['ACCEPT', 'b'], ['', 'dropped'], ['  ', 'dropped too'], ['X-Empty', ''])
      }
    },
    body: base({ headers: [{ host: 'api.example.com' }, { accept: 'a' }, { accept: 'b' }, { 'x-empty': '' }] })
  },
  {
    name: 'host moved first, later host headers keep their place',
    call: { request: { headers: fields(['User-Agent', 'curl/8.0'], ['HOST', 'one.example'], ['Accept', '*/*'], ['host', 'two.example']) } },
    body: base({ headers: [{ host: 'one.example' }, { 'user-agent': 'curl/8.0' }, { accept: '*/*' }, { host: 'two.example' }] })
  },
  {
    name: 'no Host: fallbackHost is put first',
    call: { request: { headers: fields(['Accept', '*/*']), fallbackHost: ' gw.example.com ' } },
    body: base({ headers: [{ host: 'gw.example.com' }, { accept: '*/*' }] })
  },
  {
    name: 'no Host and no fallbackHost: "unknown"',
    call: { request: { headers: [], fallbackHost: '' } },
    body: base({ headers: [{ host: 'unknown' }] })
  },
  {
    name: 'blank Host is filled from fallbackHost',
    call: { request: { headers: fields(['Host', ' ']), fallbackHost: 'gw.example.com' } },
    body: base({ headers: [{ host: 'gw.example.com' }] })
  },
  {
    name: 'method upper-cased and trimmed',
    call: { request: { method: ' post ' } },
    body: base({ method: 'POST' })
  },
  { name: 'empty method: GET', call: { request: { method: '' } }, body: base({ method: 'GET' }) },
  { name: 'method that is not a token: GET', call: { request: { method: 'GE T' } }, body: base({ method: 'GET' }) },
  { name: 'extension method kept', call: { request: { method: 'propfind' } }, body: base({ method: 'PROPFIND' }) },
  { name: 'absolute URL reduced to path and query', call: { request: { url: 'http://h.example:8080/p/q?x=1' } }, body: base({ url: '/p/q?x=1' }) },
  { name: 'absolute URL without path', call: { request: { url: 'https://h.example?x=1' } }, body: base({ url: '/?x=1' }) },
  { name: 'empty url: /', call: { request: { url: '' } }, body: base({ url: '/' }) },
  { name: 'asterisk-form url', call: { request: { url: '*' } }, body: base({ url: '/*' }) },
  { name: 'url kept as received (encoding, repeated params)', call: { request: { url: '/a%20b?x=1&x=2&y=%zz' } }, body: base({ url: '/a%20b?x=1&x=2&y=%zz' }) },
  { name: 'HTTP/1.0', call: { request: { httpVersion: 'HTTP/1.0' } }, body: base({ http_version: '1.0' }) },
  { name: 'HTTP/2.0', call: { request: { httpVersion: 'HTTP/2.0' } }, body: base({ http_version: '2' }) },
  { name: 'HTTP/3 as 2', call: { request: { httpVersion: 'HTTP/3' } }, body: base({ http_version: '2' }) },
  { name: 'unknown version as 1.1', call: { request: { httpVersion: 'SPDY' } }, body: base({ http_version: '1.1' }) },
  { name: 'source_port from the peer address when peerPort is 0', call: { request: { peerAddress: '203.0.113.7:4711', peerPort: 0 } }, body: base({ source_port: 4711 }) },
  { name: 'source_port 0 when unknown', call: { request: { peerAddress: '203.0.113.7', peerPort: 0 } }, body: base({ source_port: 0 }) },
  {
    name: 'source_ip from X-Forwarded-For',
    call: { request: { headers: fields(['Host', 'api.example.com'], ['X-Forwarded-For', '198.51.100.1, 10.0.0.1']) } },
    body: base({ source_ip: '198.51.100.1', source_port: 0, headers: [{ host: 'api.example.com' }, { 'x-forwarded-for': '198.51.100.1, 10.0.0.1' }] })
  },
  {
    name: 'X-Forwarded-For not trusted',
    call: { request: { headers: fields(['Host', 'api.example.com'], ['X-Forwarded-For', '198.51.100.1']) } },
    config: { trustForwardedFor: false },
    body: base({ headers: [{ host: 'api.example.com' }, { 'x-forwarded-for': '198.51.100.1' }] })
  },
  { name: 'no valid client IP: null', call: { request: { peerAddress: 'unknown' } }, body: null },
  {
    name: 'retained Authorization restored when the request has none',
    call: { identity: { retainedAuthorization: 'Bearer kept' } },
    body: base({ headers: [{ host: 'api.example.com' }, { authorization: 'Bearer kept' }] })
  },
  {
    name: 'retained Authorization replaces a blank one',
    call: { request: { headers: fields(['Authorization', ' '], ['Host', 'api.example.com']) }, identity: { retainedAuthorization: 'Bearer kept' } },
    body: base({ headers: [{ host: 'api.example.com' }, { authorization: 'Bearer kept' }] })
  },
  {
    name: 'retained Authorization not used when the request has one',
    call: { request: { headers: fields(['Host', 'api.example.com'], ['Authorization', 'Bearer live']) }, identity: { retainedAuthorization: 'Bearer kept' } },
    body: base({ headers: [{ host: 'api.example.com' }, { authorization: 'Bearer live' }] })
  },
  {
    name: 'query token becomes Authorization: Bearer, url unchanged',
    call: { request: { url: '/p?access_token=tok%2Fen&x=1' } },
    body: base({ url: '/p?access_token=tok%2Fen&x=1', headers: [{ host: 'api.example.com' }, { authorization: 'Bearer tok/en' }] })
  },
  {
    name: 'configured query token names',
    call: { request: { url: '/p?t=abc' } },
    config: { queryTokenParams: ['token', 't'] },
    body: base({ url: '/p?t=abc', headers: [{ host: 'api.example.com' }, { authorization: 'Bearer abc' }] })
  },
  {
    name: 'query token ignored when Authorization is present',
    call: { request: { url: '/p?access_token=abc', headers: fields(['Host', 'api.example.com'], ['Authorization', 'Basic dTpw']) } },
    body: base({ url: '/p?access_token=abc', headers: [{ host: 'api.example.com' }, { authorization: 'Basic dTpw' }] })
  },
  {
    name: 'query token ignored when the retained Authorization was restored',
    call: { request: { url: '/p?access_token=abc' }, identity: { retainedAuthorization: 'Bearer kept' } },
    body: base({ url: '/p?access_token=abc', headers: [{ host: 'api.example.com' }, { authorization: 'Bearer kept' }] })
  },
  {
    name: 'user_info: username first, then client_id, trimmed',
    call: { identity: { clientId: 'app-123', username: ' alice ' } },
    body: base({ user_info: [{ username: 'alice' }, { client_id: 'app-123' }] })
  },
  { name: 'user_info: client_id only', call: { identity: { clientId: 'app-123' } }, body: base({ user_info: [{ client_id: 'app-123' }] }) },
  { name: 'user_info: username only', call: { identity: { username: 'alice' } }, body: base({ user_info: [{ username: 'alice' }] }) },
  { name: 'user_info omitted when blank', call: { identity: { username: '  ', clientId: '' } }, body: base() },
  {
    name: 'hashSecrets: authorization, cookie, API-key header and API-key/token query values hashed',
    call: {
      request: {
        url: '/p?api_key=K1&x=1&access_token=T1',
        headers: fields(['Host', 'api.example.com'], ['Authorization', 'Bearer T0'], ['Cookie', 'sid=S1; theme=dark'], ['x-api-key', 'K0'], ['Accept', '*/*'])
      }
    },
    config: hashing,
    body: base({
      url: `/p?api_key=${h('K1')}&x=1&access_token=${h('T1')}`,
      headers: [
        { host: 'api.example.com' },
        { authorization: `Bearer ${h('T0')}` },
        { cookie: `sid=${h('S1')}; theme=${h('dark')}` },
        { 'x-api-key': h('K0') },
        { accept: '*/*' }
      ]
    })
  },
  {
    name: 'hashSecrets: query-token Authorization hashed like the url value',
    call: { request: { url: '/p?access_token=T1' } },
    config: hashing,
    body: base({ url: `/p?access_token=${h('T1')}`, headers: [{ host: 'api.example.com' }, { authorization: `Bearer ${h('T1')}` }] })
  },
  {
    name: 'hashSecrets: retained Authorization hashed',
    call: { identity: { retainedAuthorization: 'Bearer kept' } },
    config: hashing,
    body: base({ headers: [{ host: 'api.example.com' }, { authorization: `Bearer ${h('kept')}` }] })
  },
  {
    name: 'hashSecrets off: everything as received',
    call: { request: { url: '/p?api_key=K1', headers: fields(['Host', 'api.example.com'], ['Cookie', 'sid=S1'], ['X-API-Key', 'K0']) } },
    config: { ...hashing, hashSecrets: false },
    body: base({ url: '/p?api_key=K1', headers: [{ host: 'api.example.com' }, { cookie: 'sid=S1' }, { 'x-api-key': 'K0' }] })
  },
  {
    name: 'lone surrogates become U+FFFD in names, values, url and user_info',
    call: {
      request: { url: '/p\uD800?q=\uDC00', headers: fields(['Host', 'api.example.com'], ['X-\uD83D', 'a\uDE00b😀']) },
      identity: { username: 'al\uD800ice' }
    },
    body: base({
      url: '/p\uFFFD?q=\uFFFD',
      headers: [{ host: 'api.example.com' }, { 'x-\uFFFD': 'a\uFFFDb😀' }],
      user_info: [{ username: 'al\uFFFDice' }]
    })
  },
  {
    name: 'values longer than MAX_HEADER_TEXT are cut; control characters kept',
    call: { request: { headers: fields(['Host', 'api.example.com'], ['X-Long', long], ['X-Ctl', 'a\r\n\u0000b']) } },
    body: base({ headers: [{ host: 'api.example.com' }, { 'x-long': long.slice(0, MAX_HEADER_TEXT) }, { 'x-ctl': 'a\r\n\u0000b' }] })
  },
  {
    name: 'a header named __proto__ stays a real key',
    call: { request: { headers: fields(['Host', 'api.example.com'], ['__proto__', 'x']) } },
    body: base({ headers: [{ host: 'api.example.com' }, JSON.parse('{"__proto__":"x"}')] }),
    skipSchema: true
  }
];

describe('buildRequestBody', () => {
  it.each(requestCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const body = buildRequestBody(makeCall(c.call), makeConfig(c.config));
    expect(body).toStrictEqual(c.body);
    if (body && !c.skipSchema) {
      expect(aseRequestBodySchema.safeParse(body).error).toBeUndefined();
    }
    if (body) expect(JSON.parse(JSON.stringify(body))).toStrictEqual(body);
  });

  it('omits the user_info key entirely when there is no identity', () => {
    const body = buildRequestBody(makeCall(), makeConfig());
    expect(body && Object.keys(body)).toEqual(['source_ip', 'source_port', 'method', 'url', 'http_version', 'headers']);
  });

  it("omits an anonymous placeholder username (any case), keeping the client_id; the list is the operator's", () => {
    for (const username of ['anonymous', 'Anonymous', ' ANONYMOUS ']) {
      expect(buildRequestBody(makeCall({ identity: { username, clientId: 'app-1' } }), makeConfig())?.user_info, username).toEqual([{ client_id: 'app-1' }]);
      expect(buildRequestBody(makeCall({ identity: { username } }), makeConfig())).not.toHaveProperty('user_info');
    }
    expect(buildRequestBody(makeCall({ identity: { username: 'anonymous-bob' } }), makeConfig())?.user_info).toEqual([{ username: 'anonymous-bob' }]);
    // The validator holds the list lower-cased; an empty list sends every username.
    const guests = validateConfig({ aseToken: '', nodes: [{ name: 'a', url: 'http://127.0.0.1:1' }], anonymousUsernames: ['Guest', 'NOBODY'] });
    expect(guests.ok && guests.config.anonymousUsernames).toEqual(['guest', 'nobody']);
    if (!guests.ok) return;
    expect(buildRequestBody(makeCall({ identity: { username: 'GUEST' } }), guests.config)).not.toHaveProperty('user_info');
    expect(buildRequestBody(makeCall({ identity: { username: 'anonymous' } }), guests.config)?.user_info).toEqual([{ username: 'anonymous' }]);
    expect(buildRequestBody(makeCall({ identity: { username: 'anonymous' } }), makeConfig({ anonymousUsernames: [] }))?.user_info).toEqual([{ username: 'anonymous' }]);
  });

  it('does not change the call it reads', () => {
    const call = makeCall({ request: { headers: fields(['Accept', '*/*'], ['Host', 'h']) }, identity: { retainedAuthorization: 'Bearer x' } });
    const copy = structuredClone(call);
    buildRequestBody(call, makeConfig({ hashSecrets: true }));
    expect(call).toStrictEqual(copy);
  });
});

describe('excludedHeaders', () => {
  const headers = fields(['Host', 'api.example.com'], ['X-Internal-Secret', 's1'], ['Accept', '*/*'], ['x-internal-secret', 's2'], ['X-Hop', 'h']);

  it('drops every field of an excluded header, whatever its letter case, and keeps the others in order', () => {
    const body = buildRequestBody(makeCall({ request: { headers } }), makeConfig({ excludedHeaders: ['x-internal-secret', 'x-hop'] }));
    expect(body).toStrictEqual(base({ headers: [{ host: 'api.example.com' }, { accept: '*/*' }] }));
    expect(aseRequestBodySchema.safeParse(body).error).toBeUndefined();
  });

  it('an empty list (the default) sends every header', () => {
    expect(buildRequestBody(makeCall({ request: { headers } }), makeConfig({ excludedHeaders: [] }))?.headers).toStrictEqual([
      { host: 'api.example.com' }, { 'x-internal-secret': 's1' }, { accept: '*/*' }, { 'x-internal-secret': 's2' }, { 'x-hop': 'h' }
    ]);
  });

  it('an excluded host (allowed explicitly) is not put back from fallbackHost', () => {
    const body = buildRequestBody(makeCall({ request: { headers, fallbackHost: 'gw.example.com' } }), makeConfig({ excludedHeaders: ['host'] }));
    expect(body?.headers).toStrictEqual([{ 'x-internal-secret': 's1' }, { accept: '*/*' }, { 'x-internal-secret': 's2' }, { 'x-hop': 'h' }]);
  });

  it('an excluded authorization is sent neither as received, nor from the retained header, nor from a query token', () => {
    const config = makeConfig({ excludedHeaders: ['authorization'] });
    const received = makeCall({ request: { headers: fields(['Host', 'h'], ['Authorization', 'Bearer tok-header']) } });
    const retained = makeCall({ identity: { retainedAuthorization: 'Bearer tok-retained' } });
    const query = makeCall({ request: { url: '/p?access_token=tok-query' } });
    for (const call of [received, retained, query]) {
      expect(JSON.stringify(buildRequestBody(call, config)?.headers)).not.toMatch(/authorization|tok-/);
    }
  });

  it('drops excluded headers from /ase/response too', () => {
    const response = makeResponse({ headers: fields(['Content-Type', 'text/plain'], ['X-Internal-Secret', 's1'], ['Set-Cookie', 'a=1']) });
    expect(buildResponseBody(response, makeConfig({ excludedHeaders: ['x-internal-secret', 'set-cookie'] })).headers).toStrictEqual([
      { 'content-type': 'text/plain' }
    ]);
    expect(buildResponseBody(response, makeConfig()).headers).toHaveLength(3);
  });
});

describe('normalizeHttpVersion', () => {
  const table: Array<[string, string]> = [
    ['1.1', '1.1'],
    ['HTTP/1.1', '1.1'],
    ['http/1.0', '1.0'],
    ['1.0', '1.0'],
    ['0.9', '1.0'],
    ['1', '1.1'],
    ['2', '2'],
    ['2.0', '2'],
    ['HTTP/2', '2'],
    ['h2', '2'],
    ['h2c', '2'],
    ['3', '2'],
    ['HTTP/3', '2'],
    ['h3', '2'],
    ['', '1.1'],
    ['garbage', '1.1']
  ];
  it.each(table)('%j -> %j', (input, output) => {
    expect(normalizeHttpVersion(input)).toBe(output);
  });
});

describe('buildResponseBody', () => {
  const cases: Array<[string, Parameters<typeof makeResponse>[0], AseResponseBody]> = [
    [
      'the spec example',
      { headers: fields(['Content-Type', 'application/json'], ['Content-Length', '182']) },
      { response_code: '200', response_status: 'OK', http_version: '1.1', headers: [{ 'content-type': 'application/json' }, { 'content-length': '182' }] }
    ],
    ['host reason kept', { status: 404, reason: 'Nope', headers: [] }, { response_code: '404', response_status: 'Nope', http_version: '1.1', headers: [] }],
    ['table reason when the host has none', { status: 429, reason: '', headers: [] }, { response_code: '429', response_status: 'Too Many Requests', http_version: '1.1', headers: [] }],
    ['RFC 9110 name for 413', { status: 413, reason: ' ', headers: [] }, { response_code: '413', response_status: 'Content Too Large', http_version: '1.1', headers: [] }],
    ['OK when the status is not in the table', { status: 299, reason: '', headers: [] }, { response_code: '299', response_status: 'OK', http_version: '1.1', headers: [] }],
    ['invalid status sent as 502', { status: 0, reason: 'whatever', headers: [] }, { response_code: '502', response_status: 'Bad Gateway', http_version: '1.1', headers: [] }],
    ['status above 599 sent as 502', { status: 600, reason: '', headers: [] }, { response_code: '502', response_status: 'Bad Gateway', http_version: '1.1', headers: [] }],
    ['version normalised', { httpVersion: 'HTTP/2', headers: [] }, { response_code: '200', response_status: 'OK', http_version: '2', headers: [] }],
    [
      'repeated headers, no host added, empty names dropped',
      { headers: fields(['Set-Cookie', 'a=1'], ['SET-COOKIE', 'b=2'], [' ', 'x']) },
      { response_code: '200', response_status: 'OK', http_version: '1.1', headers: [{ 'set-cookie': 'a=1' }, { 'set-cookie': 'b=2' }] }
    ]
  ];
  it.each(cases)('%s', (_name, response, expected) => {
    const body = buildResponseBody(makeResponse(response));
    expect(body).toStrictEqual(expected);
    expect(aseResponseBodySchema.safeParse(body).error).toBeUndefined();
  });

  it('hashes Set-Cookie values when given a config with hashSecrets', () => {
    const response = makeResponse({ headers: fields(['Set-Cookie', 'sid=S1; Path=/; HttpOnly'], ['Content-Type', 'text/plain']) });
    expect(buildResponseBody(response, makeConfig(hashing)).headers).toStrictEqual([
      { 'set-cookie': `sid=${h('S1')}; Path=/; HttpOnly` },
      { 'content-type': 'text/plain' }
    ]);
    expect(buildResponseBody(response, makeConfig()).headers[0]).toStrictEqual({ 'set-cookie': 'sid=S1; Path=/; HttpOnly' });
  });
});

describe('reasonPhrase', () => {
  it('knows the RFC 9110 names and says OK otherwise', () => {
    expect(reasonPhrase(200)).toBe('OK');
    expect(reasonPhrase(422)).toBe('Unprocessable Content');
    expect(reasonPhrase(503)).toBe('Service Unavailable');
    expect(reasonPhrase(599)).toBe('OK');
  });
});
