// Policy Manager REST client for upload: undici requests with auth, a per-request timeout, and failures explained for operators (Node only).
import { rootCertificates } from 'node:tls';
import { Agent, request } from 'undici';
import { authorizationHeader, credentialSource, type Credentials } from './credentials';

export interface PmClientOptions {
  /** Policy Manager address as given (--url), e.g. https://pm.example.com:9900. */
  url: string;
  credentials: Credentials;
  timeoutMs: number;
  /** Extra trusted CA certificates (PEM), added to Node's built-in list. */
  ca?: string;
}

export interface PmResponse {
  status: number;
  body: string;
}

/** What a path refers to, for the 404 message. */
export interface PmObject {
  kind: 'script' | 'policy';
  key: string;
  version?: string;
}

/** A failure worded for the operator; `message` never holds credentials. */
export class PmError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PmError';
  }
}

/** The REST base: <url>/rest, unless the URL already ends in /rest. Throws on anything but http(s)://host[:port][/path]. */
export function restBase(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`--url must be the Policy Manager address, e.g. https://pm.example.com:9900 (got "${url}")`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`--url must start with https:// or http:// (got ${parsed.protocol})`);
  // Never echo a password given in the URL.
  if (parsed.username !== '' || parsed.password !== '') {
    throw new Error('--url must not hold a user name or password: set PM_USERNAME and PM_PASSWORD (or PM_TOKEN) in the environment');
  }
  if (parsed.search !== '' || parsed.hash !== '') throw new Error('--url takes no query or fragment');
  const path = parsed.pathname.replace(/\/+$/, '');
  return `${parsed.origin}${/\/rest$/.test(path) ? path : `${path}/rest`}`;
}

export function scriptPath(key: string): string {
  return `/pmscripts/${encodeURIComponent(key)}`;
}

export function policyVersionPath(key: string, version: string): string {
  return `/policies/${encodeURIComponent(key)}/versions/${encodeURIComponent(version)}`;
}

export function workflowPath(key: string, version: string): string {
  return `${policyVersionPath(key, version)}/workflow`;
}

const UNKNOWN_CA = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT'
]);
const TIMEOUTS = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** The error and its causes, outermost first (bounded: cause chains can loop). */
function causes(error: unknown): Array<{ name?: string; code?: string; message?: string }> {
  const chain: Array<{ name?: string; code?: string; message?: string }> = [];
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth += 1) {
    const e = current as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown };
    chain.push({
      name: typeof e.name === 'string' ? e.name : undefined,
      code: typeof e.code === 'string' ? e.code : undefined,
      message: typeof e.message === 'string' ? e.message : undefined
    });
    current = e.cause;
  }
  return chain;
}

/** One sentence for a request that got no HTTP answer: refused, timed out, TLS, DNS. */
export function explainNetworkError(error: unknown, origin: string, timeoutMs: number): string {
  const chain = causes(error);
  const host = new URL(origin).host;
  for (const e of chain) {
    const code = e.code ?? '';
    if (e.name === 'TimeoutError' || TIMEOUTS.has(code)) {
      return `no answer from ${origin} within ${timeoutMs} ms (--timeout ${timeoutMs}): is Policy Manager up and reachable, or does it need a longer --timeout?`;
    }
    if (code === 'ECONNREFUSED') return `connection refused by ${origin}: is Policy Manager running there, and are the host and port in --url right?`;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot resolve the host name in ${origin} (${code}): check --url`;
    if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `${origin} is unreachable (${code}): check --url, routes and firewalls`;
    if (UNKNOWN_CA.has(code)) {
      return (
        `TLS: the certificate of ${host} is not signed by a CA this machine trusts (${code}): ` +
        'pass the CA certificate (PEM) that signed it with --ca FILE'
      );
    }
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
      return `TLS: the certificate's names do not match ${host} (${e.message ?? code}): use a host name the certificate lists in --url`;
    }
    if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
      return `TLS: the certificate of ${host} is ${code === 'CERT_HAS_EXPIRED' ? 'expired' : 'not yet valid'}: renew it on Policy Manager`;
    }
    if (/^(ERR_SSL_|ERR_TLS_|EPROTO)/.test(code)) {
      return `TLS handshake with ${host} failed (${code}): does ${origin} serve ${origin.startsWith('https:') ? 'HTTPS' : 'plain HTTP'}? ${e.message ?? ''}`.trim();
    }
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') {
      return `${origin} closed the connection (${code}): check that --url uses the right scheme (http/https) and port`;
    }
  }
  const first = chain.find((e) => e.code !== undefined) ?? chain[0] ?? {};
  return `request to ${origin} failed: ${[first.code, first.message].filter(Boolean).join(': ') || String(error)}`;
}

/** One line of an error body, for statuses without a better explanation (Akana's message says what it refused). */
function bodySnippet(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}...` : line;
}

/** The operator's message for a non-2xx answer. */
export function explainStatus(status: number, body: string, object: PmObject, credentials: Credentials): string {
  const what = object.kind === 'script' ? `script ${object.key}` : `policy ${object.key}${object.version !== undefined ? ` version ${object.version}` : ''}`;
  if (status === 401) return `401 Unauthorized: Policy Manager rejected the credentials; check ${credentialSource(credentials)}`;
  if (status === 403) return `403 Forbidden: these credentials may not change ${what}; use an account with administrator rights on it (tenant or organization admin)`;
  if (status === 404) {
    return object.kind === 'script'
      ? `unknown key ${object.key}: export the object first or check the key (Policy Manager has no script with key ${object.key})`
      : `unknown key ${object.key}${object.version !== undefined ? ` or version ${object.version}` : ''}: export the object first or check the key and version`;
  }
  const snippet = bodySnippet(body);
  return `HTTP ${status} for ${what}${snippet ? `: ${snippet}` : ''}`;
}

export class PmClient {
  readonly base: string;
  readonly origin: string;
  private readonly agent: Agent;
  private readonly authorization: string;

  constructor(private readonly options: PmClientOptions) {
    this.base = restBase(options.url);
    this.origin = new URL(this.base).origin;
    this.authorization = authorizationHeader(options.credentials);
    this.agent = new Agent({
      connect: { timeout: options.timeoutMs, ...(options.ca !== undefined ? { ca: [...rootCertificates, options.ca] } : {}) }
    });
  }

  /** One call; resolves with any HTTP status, throws PmError when no answer came. */
  async call(method: 'GET' | 'PUT', path: string, body?: unknown): Promise<PmResponse> {
    const headers: Record<string, string> = { accept: 'application/json', authorization: this.authorization };
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      // The signal bounds the whole exchange, body included; undici's own timers have ~1 s granularity.
      const response = await request(`${this.base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        dispatcher: this.agent,
        signal: AbortSignal.timeout(this.options.timeoutMs)
      });
      return { status: response.statusCode, body: await response.body.text() };
    } catch (error) {
      throw new PmError(explainNetworkError(error, this.origin, this.options.timeoutMs));
    }
  }

  /** Drops every connection, including one still waiting for an answer that timed out. */
  async close(): Promise<void> {
    await this.agent.destroy();
  }

  describeFailure(response: PmResponse, object: PmObject): string {
    return explainStatus(response.status, response.body, object, this.options.credentials);
  }
}
