// Test helpers for the ASE stand-in suites (Node): valid sideband bodies and a one-shot undici POST.
import { Client } from 'undici';
import { afterEach } from 'vitest';
import { startAseStandin, type AseStandin, type StandinOptions } from '../../standin/index';

export function requestBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    source_ip: '203.0.113.7',
    source_port: 51544,
    method: 'GET',
    url: '/shop/items?limit=10',
    http_version: '1.1',
    headers: [{ host: 'api.example.com' }, { 'user-agent': 'curl/8.0' }],
    ...overrides
  };
}

export function responseBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    response_code: '200',
    response_status: 'OK',
    http_version: '1.1',
    headers: [{ 'content-type': 'application/json' }],
    ...overrides
  };
}

export interface PostOptions {
  headers?: Record<string, string>;
  /** Sent as is when a string, else JSON-encoded. */
  body?: unknown;
  method?: string;
  /** Reuse this client (keep-alive tests); otherwise a fresh one is opened and closed. */
  client?: Client;
  signal?: AbortSignal;
  /** For HTTPS: the CA (our self-signed cert). */
  ca?: string;
}

export interface PostResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: unknown;
}

/**
 * One call with the headers the policies send. A fresh client per call by default, so a socket the
 * stand-in just dropped (refuse, reset) can never be reused by accident.
 */
export async function post(baseUrl: string, path: string, options: PostOptions = {}): Promise<PostResult> {
  const client = options.client ?? new Client(baseUrl, options.ca ? { connect: { ca: options.ca } } : {});
  try {
    const body = options.body === undefined ? requestBody() : options.body;
    const response = await client.request({
      path,
      method: (options.method ?? 'POST') as 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'x-correlationid': 'c0ffee00-0000-4000-8000-000000000001', ...options.headers },
      body: options.method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      signal: options.signal
    });
    const text = await response.body.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // keep the raw text
    }
    return { status: response.statusCode, headers: response.headers, json };
  } finally {
    if (options.client === undefined) await client.destroy();
  }
}

/** A starter for one stand-in per test, closed after each test of the calling file. */
export function standinPerTest(): (options?: StandinOptions) => Promise<AseStandin> {
  let current: AseStandin | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (options: StandinOptions = {}) => (current = await startAseStandin(options));
}
