// attach (Node only): Akana platform API session: POST /api/login, the AtmoAuthToken and Csrf-Token cookies sent back, and the X-Csrf-Token_{fedmemberid} header on every call.
import { ApiRequestError, HttpTransport, type HttpAnswer } from '../gateway-api/http-transport';
import { bodySnippet } from '../gateway-api/network-errors';
import { parseServiceUrl, type ServiceKind } from '../gateway-api/service-url';

export const PLATFORM: ServiceKind = {
  product: 'Community Manager',
  example: 'https://developer.example.com',
  credentials: 'AKANA_EMAIL and AKANA_PASSWORD'
};

export interface PlatformClientOptions {
  /** Community Manager (developer portal) address as given (--url). */
  url: string;
  timeoutMs: number;
  ca?: string;
}

export interface PlatformAnswer {
  status: number;
  body: string;
}

/** A failure worded for the operator; `message` never holds the password, cookies or the CSRF token. */
export class PlatformError extends Error {
  constructor(
    message: string,
    /** The session cannot go on (login, CSRF or a timeout): later calls would fail the same way. */
    readonly fatal = false
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}

/** The address the /api/... paths go under: --url without a trailing /api, which operators often include. */
export function platformBase(url: string): string {
  const { origin, path } = parseServiceUrl(url, PLATFORM);
  return `${origin}${path.replace(/\/api$/, '')}`;
}

const SESSION_COOKIE = /^AtmoAuthToken_(.+)$/;

export class PlatformClient {
  readonly base: string;
  readonly origin: string;
  /** The tenant's fedmemberid, read from the session cookie's name at login. */
  fedMemberId?: string;
  private readonly transport: HttpTransport;
  private readonly cookies = new Map<string, string>();

  constructor(options: PlatformClientOptions) {
    this.base = platformBase(options.url);
    this.origin = new URL(this.base).origin;
    this.transport = new HttpTransport({ origin: this.origin, timeoutMs: options.timeoutMs, ca: options.ca, product: PLATFORM.product });
  }

  /** The CSRF header name and whether login issued its cookie (platforms may switch CSRF off). */
  get csrf(): { header: string; issued: boolean } {
    const fed = this.fedMemberId ?? '{fedmemberid}';
    return { header: `X-Csrf-Token_${fed}`, issued: this.cookies.has(`Csrf-Token_${fed}`) };
  }

  /** POST /api/login; throws PlatformError (fatal) when the platform does not open a session. */
  async login(email: string, password: string, source: string): Promise<void> {
    const answer = await this.exchange('POST', '/api/login', JSON.stringify({ email, password }));
    if (answer.status === 401 || answer.status === 403) {
      throw new PlatformError(`login refused (HTTP ${answer.status}): the platform did not accept the email and password from ${source}`, true);
    }
    if (answer.status < 200 || answer.status > 299) {
      const snippet = bodySnippet(answer.body);
      throw new PlatformError(`login failed: POST /api/login answered HTTP ${answer.status}${snippet ? `: ${snippet}` : ''}`, true);
    }
    const session = [...this.cookies.keys()].map((name) => SESSION_COOKIE.exec(name)).find((match) => match !== null);
    if (!session) {
      throw new PlatformError(
        `login answered ${answer.status} but set no AtmoAuthToken_{fedmemberid} cookie: is --url the Community Manager (developer portal) address, not Policy Manager's?`,
        true
      );
    }
    this.fedMemberId = session[1];
  }

  async get(path: string): Promise<PlatformAnswer> {
    return this.exchange('GET', path);
  }

  async put(path: string, body: string): Promise<PlatformAnswer> {
    return this.exchange('PUT', path, body);
  }

  async close(): Promise<void> {
    await this.transport.close();
  }

  private async exchange(method: 'GET' | 'PUT' | 'POST', path: string, body?: string): Promise<PlatformAnswer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    // Sent on reads too: the platform can be set to want it there ("CSRF Support for Read Requests").
    const csrf = this.fedMemberId === undefined ? undefined : this.cookies.get(`Csrf-Token_${this.fedMemberId}`);
    if (csrf !== undefined) headers[`x-csrf-token_${this.fedMemberId}`] = csrf;
    let answer: HttpAnswer;
    try {
      answer = await this.transport.send(method, `${this.base}${path}`, headers, body);
    } catch (error) {
      if (error instanceof ApiRequestError) throw new PlatformError(error.message, true);
      throw error;
    }
    this.remember(answer.headers['set-cookie']);
    return { status: answer.status, body: answer.body };
  }

  /** Keeps the cookies the platform sets (the session is renewed as it goes), drops the ones it clears. */
  private remember(setCookie: string | string[] | undefined): void {
    for (const line of setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie]) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const cleared = value === '' || attributes.some((attribute) => /^\s*max-age\s*=\s*0\s*$/i.test(attribute));
      if (cleared) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
