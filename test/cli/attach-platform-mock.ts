// Test helper (Node): a loopback node:http mock of the documented Akana platform API parts that `attach` uses: login cookies, CSRF header, API/version lists, policies, OAuth details, GET/PUT assignments.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MockPolicy {
  PolicyKey: string;
  Name: string;
  Description?: string;
  PolicyType?: string;
  PolicySubType?: string;
}

export interface MockVersion {
  id: string;
  name: string;
  /** GET .../oauthdetails answer; undefined: 404. */
  oauthDetails?: unknown;
  /** The direct assignment text per implementation, as GET returns it and PUT replaces it; missing: 404. */
  impls: Partial<Record<'Live' | 'Sandbox', string>>;
}

export interface MockApi {
  id: string;
  name: string;
  business: string;
  versions: MockVersion[];
}

export interface MockState {
  fed: string;
  email: string;
  password: string;
  /** writes: CSRF cookie issued and checked on PUT (the platform default); off: neither; reject: issued, every PUT refused; unissued: none issued, PUT refused. */
  csrf: 'writes' | 'off' | 'reject' | 'unissued';
  catalog: MockPolicy[];
  /** Policies assigned at tenant level: implied for every implementation. */
  tenantPolicies: MockPolicy[];
  /** Policies assigned at organization level, by BusinessID. */
  orgPolicies: Record<string, MockPolicy[]>;
  apis: MockApi[];
  /** Renew the session on every GET /api/apis, as the platform does when a token changes: the old cookie stops working. */
  rotateSession?: boolean;
  /** "METHOD /path?query" (or "METHOD /path" for any query) -> the answer to give instead, or "hang" for none. */
  faults: Map<string, { status: number; body?: string } | 'hang'>;
}

export interface Recorded {
  method: string;
  url: string;
  hadSession: boolean;
  cookieNames: string[];
  csrfHeader?: string;
  body: string;
}

export interface PlatformMock {
  url: string;
  state: MockState;
  requests: Recorded[];
  puts: Array<{ url: string; body: string }>;
  close(): Promise<void>;
}

function channel(title: string, items: Array<{ guid: string; title: string }>): string {
  return JSON.stringify({ channel: { title, version: '1.0', item: items.map((item) => ({ ...item, description: '', pubDate: 'Mon, 01 Jan 2024 00:00:00 GMT' })) } });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function cookies(req: IncomingMessage): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) jar.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return jar;
}

/** The implied assignment: the direct one plus the tenant's and the organization's policies. */
function implied(direct: string, api: MockApi, state: MockState): string {
  const value = JSON.parse(direct === '' ? '{}' : direct) as { Policy?: MockPolicy[] };
  return JSON.stringify({ ...value, Policy: [...(value.Policy ?? []), ...state.tenantPolicies, ...(state.orgPolicies[api.business] ?? [])] });
}

export async function startPlatformMock(initial: Omit<MockState, 'faults'> & { faults?: MockState['faults'] }): Promise<PlatformMock> {
  const state: MockState = { faults: new Map(), ...initial };
  const requests: Recorded[] = [];
  const puts: Array<{ url: string; body: string }> = [];
  const sessions = new Map<string, string>(); // session token -> csrf token

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://mock');
    const jar = cookies(req);
    const session = jar.get(`AtmoAuthToken_${state.fed}`);
    const csrfHeader = req.headers[`x-csrf-token_${state.fed}`] as string | undefined;
    requests.push({
      method: req.method ?? '',
      url: `${url.pathname}${url.search}`,
      hadSession: session !== undefined && sessions.has(session),
      cookieNames: [...jar.keys()],
      csrfHeader,
      body
    });
    const send = (status: number, text: string, headers: Record<string, string | string[]> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(text);
    };
    const fault = state.faults.get(`${req.method} ${url.pathname}${url.search}`) ?? state.faults.get(`${req.method} ${url.pathname}`);
    if (fault === 'hang') return;
    if (fault !== undefined) return send(fault.status, fault.body ?? '');

    if (req.method === 'POST' && url.pathname === '/api/login') {
      const login = JSON.parse(body) as { email?: string; password?: string };
      if (login.email !== state.email || login.password !== state.password) return send(401, '{"code":401,"message":"Invalid email or password"}');
      const token = `TokenID%3D${randomUUID()}%2CexpirationTime%3D1700000000000`;
      const csrf = `TokenID%3D${randomUUID()}`;
      sessions.set(token, csrf);
      const setCookie = [`AtmoAuthToken_${state.fed}=${token}; Path=/; HttpOnly`];
      if (state.csrf === 'writes' || state.csrf === 'reject') setCookie.push(`Csrf-Token_${state.fed}=${csrf}; Path=/`);
      if (state.rotateSession) setCookie.push(`Obsolete_${state.fed}=soon-cleared; Path=/`);
      return send(200, JSON.stringify({ UserID: 'u1', Email: state.email }), { 'set-cookie': setCookie });
    }
    if (session === undefined || !sessions.has(session)) return send(401, '{"message":"login required"}');
    if (req.method !== 'GET') {
      const expected = sessions.get(session);
      const ok = state.csrf === 'off' || (state.csrf === 'writes' && csrfHeader === expected);
      if (!ok) return send(401, '{"message":"CSRF token missing or invalid"}');
    }

    const parts = url.pathname.split('/').map(decodeURIComponent);
    if (req.method === 'GET' && url.pathname === '/api/apis') {
      const business = url.searchParams.get('BusinessID');
      const apis = state.apis.filter((api) => business === null || api.business === business);
      const headers: Record<string, string[]> = {};
      if (state.rotateSession) {
        const renewed = `TokenID%3D${randomUUID()}%2Crenewed`;
        sessions.set(renewed, sessions.get(session) as string);
        sessions.delete(session);
        headers['set-cookie'] = [`AtmoAuthToken_${state.fed}=${renewed}; Path=/; HttpOnly`, `Obsolete_${state.fed}=; Max-Age=0; Path=/`];
      }
      return send(200, channel('APIs', apis.map((api) => ({ guid: api.id, title: api.name }))), headers);
    }
    if (req.method === 'GET' && parts.length === 5 && parts[1] === 'api' && parts[2] === 'apis' && parts[4] === 'versions') {
      const api = state.apis.find((candidate) => candidate.id === parts[3]);
      if (!api) return send(404, '{"message":"no such API"}');
      return send(200, channel('API Versions', api.versions.map((version) => ({ guid: version.id, title: version.name }))));
    }
    if (req.method === 'GET' && url.pathname === '/api/policies') {
      if (url.searchParams.get('Type') !== 'Operational Policy') return send(400, '{"message":"Type required"}');
      return send(200, JSON.stringify({ Policy: state.catalog }));
    }
    // /api/apis/versions/{id}/oauthdetails and /api/apis/versions/{id}/implementations/{impl}/policies
    if (parts[1] === 'api' && parts[2] === 'apis' && parts[3] === 'versions') {
      const api = state.apis.find((candidate) => candidate.versions.some((version) => version.id === parts[4]));
      const version = api?.versions.find((candidate) => candidate.id === parts[4]);
      if (!api || !version) return send(404, '{"message":"no such API version"}');
      if (req.method === 'GET' && parts.length === 6 && parts[5] === 'oauthdetails') {
        return version.oauthDetails === undefined ? send(404, '{"message":"no OAuth details"}') : send(200, JSON.stringify(version.oauthDetails));
      }
      if (parts.length === 8 && parts[5] === 'implementations' && parts[7] === 'policies') {
        const impl = parts[6] as 'Live' | 'Sandbox';
        const direct = version.impls[impl];
        if (direct === undefined) return send(404, '{"message":"no such implementation"}');
        if (req.method === 'GET') return send(200, url.searchParams.get('IncludeImpliedPolicies') === 'true' ? implied(direct, api, state) : direct);
        if (req.method === 'PUT') {
          try {
            JSON.parse(body);
          } catch {
            return send(400, '{"message":"not JSON"}');
          }
          puts.push({ url: url.pathname, body });
          version.impls[impl] = body; // the PUT replaces the whole assignment
          return send(200, body);
        }
      }
    }
    send(404, '{"message":"no such resource"}');
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    requests,
    puts,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  };
}
