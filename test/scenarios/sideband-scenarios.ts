// The shared sideband scenarios as data: run through the Node host (nock) and, later, the Rhino/Akana leg (Node, tests).
//
// Host-neutral: nodes are named, not addressed (each leg maps a name to its nock host or stand-in
// URL); `config` holds raw config fields besides `nodes` (the leg fills nodes with name + address);
// `call` has the shape of test/core/fixtures.ts makeCall overrides. A leg runs the request phase,
// then, when `call.response` is set and the request was allowed, the response phase with
// decision.node as the preferred node, then waits for background calls (async mode).

import type { ApiRequest, ApiResponse, CallIdentity } from '../../policies/core/api-call';
import type { DenyLists } from '../../node/ase-contract/contract-types';
import { hashAuthorization, hashCookieHeader, hashSecret } from '../../policies/core/secret-hash';

/** How one ASE node behaves for the whole scenario. */
export type NodeBehaviour =
  /** Answers per the contract: 403 for a deny-listed identifier, 401 for a wrong token, else 200. */
  | { kind: 'up' }
  /** Refuses connections (ECONNREFUSED). */
  | { kind: 'down' }
  /** Answers this status to every call. */
  | { kind: 'status'; status: number }
  /** Answers per the contract, but only after delayMs (headers included). */
  | { kind: 'slow'; delayMs: number };

export interface ScenarioNode {
  name: string;
  behaviour: NodeBehaviour;
}

export type AsePath = '/ase/request' | '/ase/response';

export interface SidebandScenario {
  name: string;
  ase: {
    /** In config order: the first is the primary. */
    nodes: ScenarioNode[];
    deny?: DenyLists;
    /** The ASE-Token the nodes expect ('' or absent: not checked). */
    token?: string;
  };
  /** Raw config fields besides nodes (aseToken defaults to ase.token or ''). */
  config?: Record<string, unknown>;
  call: {
    request?: Partial<ApiRequest>;
    identity?: Partial<CallIdentity>;
    /** Reported after an allowed request. */
    response?: ApiResponse;
  };
  expect: {
    verdict: 'allow' | 'block';
    code: string;
    clientStatus: number;
    /** The node whose answer decided the request phase; '' when none did. */
    node: string;
    /** Calls that reached a node which is not down, in arrival order. */
    aseCalls: Array<{ node: string; path: AsePath }>;
    /** The response phase's decision code, when the scenario has a response. */
    responseCode?: string;
    /** Header entries the /ase/request body must contain. */
    sentHeaders?: Array<Record<string, string>>;
    /** Texts that must not appear in any call sent to ASE (headers or body). */
    secretsAbsent?: string[];
    /** Header names (lower-case) that no /ase/request or /ase/response body may list. */
    headersAbsent?: string[];
    /** Every call carries the same X-CorrelationID, the decision's. */
    sameCorrelationId?: boolean;
    /** Texts the request decision's log line contains (the failover trail names each node's failure code). */
    logContains?: string[];
  };
}

const OK_RESPONSE: ApiResponse = {
  status: 200,
  reason: 'OK',
  httpVersion: '1.1',
  headers: [{ name: 'Content-Type', value: 'application/json' }, { name: 'Set-Cookie', value: 'a=1' }, { name: 'Set-Cookie', value: 'b=2' }]
};

const up = (name: string): ScenarioNode => ({ name, behaviour: { kind: 'up' } });
const down = (name: string): ScenarioNode => ({ name, behaviour: { kind: 'down' } });
const status = (name: string, code: number): ScenarioNode => ({ name, behaviour: { kind: 'status', status: code } });
const slow = (name: string, delayMs: number): ScenarioNode => ({ name, behaviour: { kind: 'slow', delayMs } });

const bearer = (token: string) => ({ headers: [{ name: 'Host', value: 'api.example.com' }, { name: 'Authorization', value: 'Bearer ' + token }] });

/** A salt of the length config validation demands for hashSecrets. */
export const TEST_HASH_SALT = 'test-salt-0123456789abcdef-0123456';

export const SIDEBAND_SCENARIOS: SidebandScenario[] = [
  {
    name: 'allow: ASE answers 200, request and response calls carry the same X-CorrelationID',
    ase: { nodes: [up('primary'), up('secondary')] },
    call: { response: OK_RESPONSE },
    expect: {
      verdict: 'allow', code: 'ASE_ALLOWED', clientStatus: 0, node: 'primary', responseCode: 'ASE_ALLOWED', sameCorrelationId: true,
      aseCalls: [{ node: 'primary', path: '/ase/request' }, { node: 'primary', path: '/ase/response' }]
    }
  },
  {
    name: 'block: a deny-listed client IP gets 403 and no response call',
    ase: { nodes: [up('primary')], deny: { ips: ['203.0.113.7'] } },
    call: { response: OK_RESPONSE },
    expect: { verdict: 'block', code: 'ASE_BLOCKED', clientStatus: 403, node: 'primary', aseCalls: [{ node: 'primary', path: '/ase/request' }] }
  },
  {
    name: 'block: a deny-listed bearer token',
    ase: { nodes: [up('primary')], deny: { tokens: ['tok-denied'] } },
    call: { request: bearer('tok-denied') },
    expect: { verdict: 'block', code: 'ASE_BLOCKED', clientStatus: 403, node: 'primary', aseCalls: [{ node: 'primary', path: '/ase/request' }] }
  },
  {
    name: 'block: a deny-listed username from user_info',
    ase: { nodes: [up('primary')], deny: { usernames: ['mallory'] } },
    call: { identity: { username: 'mallory', clientId: 'app-1' } },
    expect: {
      verdict: 'block', code: 'ASE_BLOCKED', clientStatus: 403, node: 'primary', aseCalls: [{ node: 'primary', path: '/ase/request' }]
    }
  },
  {
    name: 'failover: primary refuses connections, secondary answers (and takes the response call)',
    ase: { nodes: [down('primary'), up('secondary')] },
    call: { response: OK_RESPONSE },
    expect: {
      verdict: 'allow', code: 'ASE_ALLOWED', clientStatus: 0, node: 'secondary', responseCode: 'ASE_ALLOWED', sameCorrelationId: true,
      logContains: ['primary: ASE_REFUSED'],
      aseCalls: [{ node: 'secondary', path: '/ase/request' }, { node: 'secondary', path: '/ase/response' }]
    }
  },
  {
    name: 'failover: primary answers 500, secondary answers 200',
    ase: { nodes: [status('primary', 500), up('secondary')] },
    call: {},
    expect: {
      verdict: 'allow', code: 'ASE_ALLOWED', clientStatus: 0, node: 'secondary', logContains: ['primary: ASE_STATUS_OTHER (500)'],
      aseCalls: [{ node: 'primary', path: '/ase/request' }, { node: 'secondary', path: '/ase/request' }]
    }
  },
  {
    name: 'timeout: primary answers after the attempt timeout, secondary answers',
    ase: { nodes: [slow('primary', 400), up('secondary')] },
    config: { attemptTimeoutMs: 100, callBudgetMs: 1000 },
    call: {},
    expect: {
      verdict: 'allow', code: 'ASE_ALLOWED', clientStatus: 0, node: 'secondary', logContains: ['primary: ASE_TIMEOUT'],
      aseCalls: [{ node: 'primary', path: '/ase/request' }, { node: 'secondary', path: '/ase/request' }]
    }
  },
  {
    name: 'both nodes down: fail-open, the response phase fails open too',
    ase: { nodes: [down('primary'), down('secondary')] },
    call: { response: OK_RESPONSE },
    expect: {
      verdict: 'allow', code: 'ASE_UNAVAILABLE', clientStatus: 0, node: '', responseCode: 'ASE_UNAVAILABLE', aseCalls: [],
      logContains: ['primary: ASE_REFUSED', 'secondary: ASE_REFUSED', 'fail-open']
    }
  },
  {
    name: 'both nodes down with failClosed: the client gets 503',
    ase: { nodes: [down('primary'), down('secondary')] },
    config: { failClosed: true },
    call: {},
    expect: { verdict: 'block', code: 'ASE_UNAVAILABLE', clientStatus: 503, node: '', aseCalls: [] }
  },
  {
    name: 'ASE answers 400: forwarded',
    ase: { nodes: [status('primary', 400), up('secondary')] },
    call: {},
    expect: { verdict: 'allow', code: 'ASE_STATUS_400', clientStatus: 0, node: 'primary', aseCalls: [{ node: 'primary', path: '/ase/request' }] }
  },
  {
    name: 'ASE answers 401 to a wrong ASE-Token: forwarded',
    ase: { nodes: [up('primary')], token: 'right-token' },
    config: { aseToken: 'wrong-token' },
    call: {},
    expect: {
      verdict: 'allow', code: 'ASE_STATUS_401', clientStatus: 0, node: 'primary', secretsAbsent: ['right-token'],
      aseCalls: [{ node: 'primary', path: '/ase/request' }]
    }
  },
  {
    name: 'ASE answers 503 (API unknown): forwarded',
    ase: { nodes: [status('primary', 503)] },
    call: {},
    expect: { verdict: 'allow', code: 'ASE_STATUS_503', clientStatus: 0, node: 'primary', aseCalls: [{ node: 'primary', path: '/ase/request' }] }
  },
  {
    name: 'extraBlockStatuses [503]: ASE answers 503, the client gets 403',
    ase: { nodes: [status('primary', 503)] },
    config: { extraBlockStatuses: [503] },
    call: {},
    expect: { verdict: 'block', code: 'ASE_BLOCKED', clientStatus: 403, node: 'primary', aseCalls: [{ node: 'primary', path: '/ase/request' }] }
  },
  {
    name: 'async mode: a deny-listed token is sent but not enforced',
    ase: { nodes: [up('primary')], deny: { tokens: ['tok-denied'] } },
    config: { asyncMode: true },
    call: { request: bearer('tok-denied'), response: OK_RESPONSE },
    expect: {
      verdict: 'allow', code: 'ASE_ASYNC', clientStatus: 0, node: '', responseCode: 'ASE_ASYNC', sameCorrelationId: true,
      aseCalls: [{ node: 'primary', path: '/ase/request' }, { node: 'primary', path: '/ase/response' }]
    }
  },
  {
    name: 'query token: access_token in the URL is sent as Authorization: Bearer and blocked',
    ase: { nodes: [up('primary')], deny: { tokens: ['tok-query'] } },
    call: { request: { url: '/shop/items?limit=10&access_token=tok-query' } },
    expect: {
      verdict: 'block', code: 'ASE_BLOCKED', clientStatus: 403, node: 'primary', sentHeaders: [{ authorization: 'Bearer tok-query' }],
      aseCalls: [{ node: 'primary', path: '/ase/request' }]
    }
  },
  {
    name: 'hashSecrets: the raw token never leaves, so a deny list of raw tokens no longer matches',
    ase: { nodes: [up('primary')], deny: { tokens: ['tok-secret'] } },
    config: { hashSecrets: true, hashSalt: TEST_HASH_SALT },
    call: {
      request: { ...bearer('tok-secret'), url: '/shop/items?access_token=tok-secret-2' },
      response: OK_RESPONSE
    },
    expect: {
      verdict: 'allow', code: 'ASE_ALLOWED', clientStatus: 0, node: 'primary', responseCode: 'ASE_ALLOWED',
      secretsAbsent: ['tok-secret', TEST_HASH_SALT],
      aseCalls: [{ node: 'primary', path: '/ase/request' }, { node: 'primary', path: '/ase/response' }]
    }
  },
  {
    // Same salt, same hash on every gateway: ASE's deny lists of hashes hold for Node, Akana and Apigee alike.
    name: 'hashSecrets: every host sends the same salted hashes (non-ASCII, astral and lone-surrogate values too)',
    ase: { nodes: [up('primary')] },
    config: { hashSecrets: true, hashSalt: TEST_HASH_SALT },
    call: {
      request: {
        headers: [
          { name: 'Host', value: 'api.example.com' },
          { name: 'Authorization', value: 'Bearer tok-\u00e9\u20ac\ud83d\ude00' },
          { name: 'Cookie', value: 'sid=s3cr\u20act; theme=dark' },
          { name: 'X-Api-Key', value: 'key-\u00fc-\ud83d' }
        ]
      },
      response: OK_RESPONSE
    },
    expect: {
      verdict: 'allow', code: 'ASE_ALLOWED', clientStatus: 0, node: 'primary', responseCode: 'ASE_ALLOWED',
      sentHeaders: [
        { authorization: hashAuthorization('Bearer tok-\u00e9\u20ac\ud83d\ude00', TEST_HASH_SALT) },
        { cookie: hashCookieHeader('sid=s3cr\u20act; theme=dark', TEST_HASH_SALT) },
        { 'x-api-key': hashSecret('key-\u00fc-\ud83d', TEST_HASH_SALT) }
      ],
      secretsAbsent: ['tok-\u00e9', 's3cr\u20act', 'key-\u00fc', TEST_HASH_SALT],
      aseCalls: [{ node: 'primary', path: '/ase/request' }, { node: 'primary', path: '/ase/response' }]
    }
  },
  {
    name: 'excludedHeaders: an internal header reaches neither /ase/request nor /ase/response',
    ase: { nodes: [up('primary')] },
    config: { excludedHeaders: ['X-Internal-Secret'] },
    call: {
      request: { headers: [{ name: 'Host', value: 'api.example.com' }, { name: 'x-internal-secret', value: 'int-s3cret-req' }, { name: 'Accept', value: '*/*' }] },
      response: { ...OK_RESPONSE, headers: [...OK_RESPONSE.headers, { name: 'X-Internal-Secret', value: 'int-s3cret-resp' }] }
    },
    expect: {
      verdict: 'allow', code: 'ASE_ALLOWED', clientStatus: 0, node: 'primary', responseCode: 'ASE_ALLOWED',
      sentHeaders: [{ host: 'api.example.com' }, { accept: '*/*' }],
      headersAbsent: ['x-internal-secret'], secretsAbsent: ['int-s3cret-req', 'int-s3cret-resp'],
      aseCalls: [{ node: 'primary', path: '/ase/request' }, { node: 'primary', path: '/ase/response' }]
    }
  },
  {
    name: 'odd header texts: a lone surrogate becomes U+FFFD, an emoji stays as it is',
    ase: { nodes: [up('primary')] },
    call: {
      request: { headers: [{ name: 'Host', value: 'api.example.com' }, { name: 'X-Odd', value: 'a\uD800b' }, { name: 'X-Emoji', value: 'ok \uD83D\uDE00' }] },
      response: OK_RESPONSE
    },
    expect: {
      verdict: 'allow', code: 'ASE_ALLOWED', clientStatus: 0, node: 'primary', responseCode: 'ASE_ALLOWED',
      sentHeaders: [{ host: 'api.example.com' }, { 'x-odd': 'a\uFFFDb' }, { 'x-emoji': 'ok \uD83D\uDE00' }],
      aseCalls: [{ node: 'primary', path: '/ase/request' }, { node: 'primary', path: '/ase/response' }]
    }
  },
  {
    name: 'header texts JSON escapes (quote, backslash, tab, NUL) arrive as they were sent',
    ase: { nodes: [up('primary')] },
    call: {
      request: { headers: [{ name: 'Host', value: 'api.example.com' }, { name: 'X-Quote', value: 'say "hi" from C:\\dir\tnow\u0000' }] },
      response: OK_RESPONSE
    },
    expect: {
      verdict: 'allow', code: 'ASE_ALLOWED', clientStatus: 0, node: 'primary', responseCode: 'ASE_ALLOWED',
      sentHeaders: [{ host: 'api.example.com' }, { 'x-quote': 'say "hi" from C:\\dir\tnow\u0000' }],
      aseCalls: [{ node: 'primary', path: '/ase/request' }, { node: 'primary', path: '/ase/response' }]
    }
  },
  {
    name: 'a surrogate pair split across two header values: each half is lone and becomes U+FFFD',
    ase: { nodes: [up('primary')] },
    call: {
      request: { headers: [{ name: 'Host', value: 'api.example.com' }, { name: 'X-Hi', value: 'a\uD83D' }, { name: 'X-Lo', value: '\uDE00b' }] },
      response: OK_RESPONSE
    },
    expect: {
      verdict: 'allow', code: 'ASE_ALLOWED', clientStatus: 0, node: 'primary', responseCode: 'ASE_ALLOWED',
      sentHeaders: [{ host: 'api.example.com' }, { 'x-hi': 'a\uFFFD' }, { 'x-lo': '\uFFFDb' }],
      aseCalls: [{ node: 'primary', path: '/ase/request' }, { node: 'primary', path: '/ase/response' }]
    }
  },
  {
    name: 'a 9000-character header value is cut at 8192, a lone surrogate beside it still becomes U+FFFD',
    ase: { nodes: [up('primary')] },
    call: {
      request: { headers: [{ name: 'Host', value: 'api.example.com' }, { name: 'X-Long', value: 'x'.repeat(9000) }, { name: 'X-Odd', value: '\uDC00z' }] },
      response: OK_RESPONSE
    },
    expect: {
      verdict: 'allow', code: 'ASE_ALLOWED', clientStatus: 0, node: 'primary', responseCode: 'ASE_ALLOWED',
      sentHeaders: [{ host: 'api.example.com' }, { 'x-long': 'x'.repeat(8192) }, { 'x-odd': '\uFFFDz' }],
      aseCalls: [{ node: 'primary', path: '/ase/request' }, { node: 'primary', path: '/ase/response' }]
    }
  },
  {
    name: 'no valid client IP: no sideband call, forwarded with CLIENT_IP_UNKNOWN',
    ase: { nodes: [up('primary')] },
    config: { trustForwardedFor: false },
    call: { request: { peerAddress: 'not-an-ip', headers: [{ name: 'Host', value: 'api.example.com' }, { name: 'X-Forwarded-For', value: '198.51.100.1' }] } },
    expect: { verdict: 'allow', code: 'CLIENT_IP_UNKNOWN', clientStatus: 0, node: '', aseCalls: [] }
  }
];
