// The policy test kit: a nock-mocked ASE that answers per the sideband contract, plus call builders (Node, tests).
//
// Needs nock (>= 15) installed next to vitest/jest: `npm i -D nock`. On Node 20, nock 15 also needs a
// Promise.withResolvers polyfill in the test setup file (see the README).

import nock from 'nock';
import type { ApiCall, ApiResponse, HeaderField } from '../policies/core/api-call';
import { decideAnswer } from './ase-contract/answer';
import type { DenyLists } from './ase-contract/contract-types';

export type { DenyLists } from './ase-contract/contract-types';

export type AsePath = '/ase/request' | '/ase/response';

export interface MockAseOptions {
  /** ASE node URLs as in the policy config, e.g. ['http://ase-primary.test:8000']. */
  nodes: string[];
  /** Client identifiers that get a 403 on /ase/request (ASE's deny list with blocking on). */
  deny?: DenyLists;
  /** Nodes that refuse connections (ECONNREFUSED): the policy must fail over past them. */
  down?: string[];
  /**
   * Answer with this status instead of following the contract (e.g. 503, 500): one number for every
   * node, or per node URL ({ 'http://ase-primary.test:8000': 500 }).
   */
  status?: number | Record<string, number>;
  /** Hold answers this long (headers included) before replying, for timeout tests: all nodes, or per node URL. */
  delayMs?: number | Record<string, number>;
  /** Expected ASE-Token: a call without it gets 401. Default '' (not checked). */
  token?: string;
  /** Paths assertDone() expects to have reached an up node at least once. Default ['/ase/request']. */
  expect?: AsePath[];
  /** Hosts nock lets through to the real network (e.g. '127.0.0.1' for an app under test). Default: none. */
  allowNetConnect?: string | RegExp;
}

/** One call the mocked ASE answered. */
export interface MockAseCall {
  /** The node URL it went to. */
  node: string;
  path: string;
  /** Lower-case names. Holds the ASE-Token: never print it. */
  headers: Record<string, string>;
  /** Parsed JSON (or the raw text when it is not JSON). */
  body: unknown;
  /** What the mock answered. */
  status: number;
  /** Why: 'allowed', 'denied token', 'bad token', 'invalid body: ...', 'status option'. */
  reason: string;
}

export interface MockAse {
  /** One nock scope per node. */
  scopes: nock.Scope[];
  /** Every call an up node answered, in arrival order (a live array). */
  calls: MockAseCall[];
  /** Attempts on down nodes (refused), in order. */
  refused: Array<{ node: string; path: string }>;
  /**
   * Throws, listing each problem, when an expected path never reached an up node, when every node
   * is down and one was never tried, or when a call matched no mock (wrong host or path).
   */
  assertDone(): void;
  /** Removes the mocks and re-enables the network. Call it in afterEach. */
  restore(): void;
}

function origin(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`mockAse: "${url}" is not a URL; give ASE nodes as http(s)://host:port`);
  }
  return parsed.origin;
}

function flatHeaders(headers: Headers): Record<string, string> {
  const flat: Record<string, string> = {};
  headers.forEach((value, name) => {
    flat[name] = value;
  });
  return flat;
}

function parseLoosely(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A per-node option: one value for all nodes, or a map keyed by node URL. */
function perNode(value: number | Record<string, number> | undefined, node: string, option: string): number | undefined {
  if (value === undefined || typeof value === 'number') return value;
  let found: number | undefined;
  for (const key of Object.keys(value)) {
    if (origin(key) === node) found = value[key];
  }
  for (const key of Object.keys(value)) {
    if (typeof value[key] !== 'number') throw new TypeError(`mockAse: ${option}[${JSON.stringify(key)}] must be a number`);
  }
  return found;
}

/**
 * Mocks ASE nodes with nock for everything Node sends through undici, fetch or http. Turns on
 * nock.disableNetConnect(): any other host fails (except options.allowNetConnect). Interceptors
 * persist, so one mock serves every call of a test.
 */
export function mockAse(options: MockAseOptions): MockAse {
  if (!options || !Array.isArray(options.nodes) || options.nodes.length === 0) {
    throw new TypeError('mockAse: give at least one ASE node URL in options.nodes');
  }
  const nodes = options.nodes.map(origin);
  const down = (options.down ?? []).map(origin);
  for (const url of down) {
    if (nodes.indexOf(url) < 0) throw new TypeError(`mockAse: down node ${url} is not in options.nodes`);
  }
  for (const option of ['status', 'delayMs'] as const) {
    const value = options[option];
    if (value === undefined || typeof value === 'number') continue;
    for (const key of Object.keys(value)) {
      if (nodes.indexOf(origin(key)) < 0) throw new TypeError(`mockAse: ${option} names ${key}, which is not in options.nodes`);
    }
  }
  const expected: AsePath[] = options.expect ?? ['/ase/request'];
  const calls: MockAseCall[] = [];
  const refused: Array<{ node: string; path: string }> = [];
  const unexpected: string[] = [];

  nock.disableNetConnect();
  if (options.allowNetConnect !== undefined) nock.enableNetConnect(options.allowNetConnect);
  // Only sideband-looking calls count: requests the test lets through (allowNetConnect) also raise 'no match'.
  const onNoMatch = (req: Request): void => {
    const url = new URL(req.url);
    if (nodes.indexOf(url.origin) >= 0 || url.pathname.indexOf('/ase/') === 0) unexpected.push(`${req.method} ${req.url}`);
  };
  nock.emitter.on('no match', onNoMatch);

  const scopes = nodes.map((node) => {
    const scope = nock(node).persist();
    if (down.indexOf(node) >= 0) {
      scope.on('request', (req: Request) => refused.push({ node, path: new URL(req.url).pathname }));
      const refusal = (path: AsePath) => Object.assign(new Error(`connect ECONNREFUSED (mocked: ${node} is down)`), { code: 'ECONNREFUSED', path });
      scope.post('/ase/request').replyWithError(refusal('/ase/request'));
      scope.post('/ase/response').replyWithError(refusal('/ase/response'));
      return scope;
    }
    const status = perNode(options.status, node, 'status');
    const delayMs = perNode(options.delayMs, node, 'delayMs');
    const answer = (path: AsePath) => async (req: Request): Promise<readonly [number, string, Record<string, string>]> => {
      const rawBody = await req.text();
      const headers = flatHeaders(req.headers);
      // The stand-in's own contract logic: route, ASE-Token, body schema, deny lists.
      const decided = status !== undefined
        ? { status, reason: 'status option', body: parseLoosely(rawBody) }
        : decideAnswer({ method: req.method, path, headers, rawBody }, { token: options.token ?? '', deny: options.deny ?? {}, knownApis: undefined });
      // Recorded on arrival (before any delay), so `calls` keeps the order the policy sent them in.
      calls.push({ node, path, headers, body: decided.body, status: decided.status, reason: decided.reason });
      if (delayMs) await sleep(delayMs);
      return [decided.status, JSON.stringify({ message: decided.reason }), { 'content-type': 'application/json; charset=utf-8' }];
    };
    scope.post('/ase/request').reply(answer('/ase/request'));
    scope.post('/ase/response').reply(answer('/ase/response'));
    return scope;
  });

  return {
    scopes,
    calls,
    refused,
    assertDone(): void {
      const problems: string[] = [];
      const up = nodes.filter((node) => down.indexOf(node) < 0);
      for (const path of expected) {
        if (up.length > 0 && !calls.some((call) => call.path === path)) {
          problems.push(`expected POST ${path} on ${up.length === 1 ? up[0] : 'one of ' + up.join(', ')}, but it never came`);
        }
      }
      if (up.length === 0) {
        for (const node of down) {
          if (!refused.some((attempt) => attempt.node === node)) problems.push(`expected an attempt on down node ${node}, but none came`);
        }
      }
      for (const call of unexpected) problems.push(`unexpected call (no mock matched): ${call}`);
      if (problems.length > 0) throw new Error('mockAse: ' + problems.join('; '));
    },
    restore(): void {
      nock.emitter.removeListener('no match', onNoMatch);
      nock.cleanAll();
      nock.enableNetConnect();
    }
  };
}

export interface TestCallInit {
  method?: string;
  /** Path and query, e.g. '/shop/items?access_token=abc'. Default '/shop/items'. */
  url?: string;
  /** Request headers; an array value is a repeated header. Default Host: api.example.com. */
  headers?: Record<string, string | string[]>;
  /** Socket peer address. Default '203.0.113.7'. */
  ip?: string;
  port?: number;
  username?: string;
  clientId?: string;
  correlationId?: string;
}

function fieldsOf(headers: Record<string, string | string[]>): HeaderField[] {
  const fields: HeaderField[] = [];
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    for (const each of Array.isArray(value) ? value : [value]) fields.push({ name, value: each });
  }
  return fields;
}

/** An ApiCall for policy.checkRequest, from a few readable fields. */
export function testCall(init: TestCallInit = {}): ApiCall {
  return {
    correlationId: init.correlationId ?? '',
    request: {
      method: init.method ?? 'GET',
      url: init.url ?? '/shop/items',
      httpVersion: '1.1',
      headers: fieldsOf(init.headers ?? { host: 'api.example.com' }),
      peerAddress: init.ip ?? '203.0.113.7',
      peerPort: init.port ?? 51544,
      fallbackHost: 'api.example.com'
    },
    identity: { username: init.username ?? '', clientId: init.clientId ?? '', retainedAuthorization: '' }
  };
}

/** An ApiResponse for policy.reportResponse. Default 200 OK with a JSON content type. */
export function testResponse(init: { status?: number; reason?: string; headers?: Record<string, string | string[]> } = {}): ApiResponse {
  return {
    status: init.status ?? 200,
    reason: init.reason ?? '',
    httpVersion: '1.1',
    headers: fieldsOf(init.headers ?? { 'content-type': 'application/json' })
  };
}
