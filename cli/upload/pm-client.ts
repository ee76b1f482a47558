// Policy Manager REST client for upload: requests with auth over the shared transport (cli/gateway-api), and failures explained for operators (Node only).
import { ApiRequestError, HttpTransport } from '../gateway-api/http-transport';
import { bodySnippet } from '../gateway-api/network-errors';
import { parseServiceUrl } from '../gateway-api/service-url';
import { authorizationHeader, credentialSource, type Credentials } from './credentials';

export { explainNetworkError } from '../gateway-api/network-errors';
/** A request that got no answer, worded for the operator; `message` never holds credentials. */
export { ApiRequestError as PmError };

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

/** The REST base: <url>/rest, unless the URL already ends in /rest. Throws on anything but http(s)://host[:port][/path]. */
export function restBase(url: string): string {
  const { origin, path } = parseServiceUrl(url, {
    product: 'Policy Manager',
    example: 'https://pm.example.com:9900',
    credentials: 'PM_USERNAME and PM_PASSWORD (or PM_TOKEN)'
  });
  return `${origin}${/\/rest$/.test(path) ? path : `${path}/rest`}`;
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
  private readonly transport: HttpTransport;
  private readonly authorization: string;

  constructor(private readonly options: PmClientOptions) {
    this.base = restBase(options.url);
    this.origin = new URL(this.base).origin;
    this.authorization = authorizationHeader(options.credentials);
    this.transport = new HttpTransport({ origin: this.origin, timeoutMs: options.timeoutMs, ca: options.ca, product: 'Policy Manager' });
  }

  /** One call; resolves with any HTTP status, throws PmError when no answer came. */
  async call(method: 'GET' | 'PUT', path: string, body?: unknown): Promise<PmResponse> {
    const headers: Record<string, string> = { accept: 'application/json', authorization: this.authorization };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const answer = await this.transport.send(method, `${this.base}${path}`, headers, body === undefined ? undefined : JSON.stringify(body));
    return { status: answer.status, body: answer.body };
  }

  /** Drops every connection, including one still waiting for an answer that timed out. */
  async close(): Promise<void> {
    await this.transport.close();
  }

  describeFailure(response: PmResponse, object: PmObject): string {
    return explainStatus(response.status, response.body, object, this.options.credentials);
  }
}
