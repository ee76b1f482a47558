// A loopback mock of the documented Apigee X management API calls apigee-deploy makes: real node:http on 127.0.0.1 (Node, tests).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { unzipSync } from 'fflate';

export interface MockCall {
  method: string;
  /** Path and query as received. */
  url: string;
  authorization: string;
  contentType: string;
  body: Buffer;
}

export interface MockState {
  org: string;
  envs: string[];
  kvms: Map<string, { encrypted: boolean; entries: Map<string, string> }>;
  /** Shared flow -> revisions imported (each a map of zip paths). */
  flows: Map<string, Array<Record<string, Uint8Array>>>;
  /** Deployment polls left before READY, per deployment. */
  deployPolls: number;
  deployState: 'READY' | 'ERROR';
  deployments: Map<string, { polls: number }>;
  hooks: Map<string, { sharedFlow: string; continueOnError: boolean }>;
  /** Fails the first request whose "METHOD path" matches, with this status (once each). */
  failures: Array<{ match: RegExp; status: number; message?: string }>;
  /** Answers requests matching after this many ms (for client timeouts). */
  delays: Array<{ match: RegExp; ms: number }>;
}

export interface ApigeeApiMock {
  url: string;
  token: string;
  calls: MockCall[];
  state: MockState;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function googleError(res: ServerResponse, status: number, message: string): void {
  const names: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 409: 'ALREADY_EXISTS' };
  send(res, status, { error: { code: status, message, status: names[status] ?? 'UNKNOWN' } });
}

/** The zip of a multipart/form-data body's first file part. */
function filePart(body: Buffer, contentType: string): Uint8Array {
  const boundary = /boundary=([^;]+)/.exec(contentType)?.[1];
  if (!boundary) throw new Error('no multipart boundary');
  const start = body.indexOf('\r\n\r\n') + 4;
  const end = body.lastIndexOf(Buffer.from(`\r\n--${boundary}--`));
  return new Uint8Array(body.subarray(start, end));
}

export async function startApigeeApiMock(options: { token?: string; org?: string; envs?: string[] } = {}): Promise<ApigeeApiMock> {
  const token = options.token ?? 'ya29.test-access-token';
  const state: MockState = {
    org: options.org ?? 'my-org',
    envs: options.envs ?? ['prod'],
    kvms: new Map(),
    flows: new Map(),
    deployPolls: 2,
    deployState: 'READY',
    deployments: new Map(),
    hooks: new Map(),
    failures: [],
    delays: []
  };
  const calls: MockCall[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const call: MockCall = { method: req.method ?? '', url: req.url ?? '', authorization: String(req.headers.authorization ?? ''), contentType: String(req.headers['content-type'] ?? ''), body };
    calls.push(call);
    const key = `${call.method} ${call.url}`;
    const delay = state.delays.find((d) => d.match.test(key));
    if (delay) await new Promise((r) => setTimeout(r, delay.ms));
    if (call.authorization !== `Bearer ${token}`) return googleError(res, 401, 'Request had invalid authentication credentials.');
    const failure = state.failures.find((f) => f.match.test(key));
    if (failure) {
      state.failures.splice(state.failures.indexOf(failure), 1);
      return googleError(res, failure.status, failure.message ?? `mock failure ${failure.status}`);
    }
    const url = new URL(call.url, 'http://mock');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] !== 'v1' || parts[1] !== 'organizations' || parts[2] !== state.org) return googleError(res, 404, `Organization ${parts[2]} not found`);
    const rest = parts.slice(3);
    // organizations/{org}/sharedflows[/{name}]
    if (rest[0] === 'sharedflows') {
      if (rest.length === 1 && call.method === 'POST') {
        const name = url.searchParams.get('name') ?? '';
        const action = url.searchParams.get('action');
        const files = unzipSync(filePart(body, call.contentType));
        if (!Object.keys(files).some((p) => p.startsWith('sharedflowbundle/sharedflows/'))) return googleError(res, 400, 'bundle has no sharedflows/');
        if (action === 'validate') return send(res, 200, { name, revision: '' });
        if (action !== 'import') return googleError(res, 400, `unknown action ${action}`);
        const revisions = state.flows.get(name) ?? [];
        revisions.push(files);
        state.flows.set(name, revisions);
        return send(res, 200, { name, revision: String(revisions.length), configurationVersion: { majorVersion: 4, minorVersion: 0 } });
      }
      if (rest.length === 2 && call.method === 'GET') {
        const revisions = state.flows.get(rest[1]);
        if (!revisions) return googleError(res, 404, `sharedflow ${rest[1]} not found`);
        return send(res, 200, { name: rest[1], revision: revisions.map((_r, i) => String(i + 1)) });
      }
    }
    if (rest[0] !== 'environments' || !state.envs.includes(rest[1])) return googleError(res, 404, `Environment ${rest[1]} not found`);
    const env = rest[1];
    const tail = rest.slice(2);
    if (tail.length === 0 && call.method === 'GET') return send(res, 200, { name: env });
    if (tail[0] === 'keyvaluemaps') {
      if (tail.length === 1 && call.method === 'GET') return send(res, 200, [...state.kvms.keys()]);
      if (tail.length === 1 && call.method === 'POST') {
        const { name, encrypted } = JSON.parse(body.toString('utf8')) as { name: string; encrypted: boolean };
        if (state.kvms.has(name)) return googleError(res, 409, `KeyValueMap ${name} already exists`);
        state.kvms.set(name, { encrypted, entries: new Map() });
        return send(res, 200, { name, encrypted });
      }
      const kvm = state.kvms.get(tail[1]);
      if (!kvm) return googleError(res, 404, `KeyValueMap ${tail[1]} does not exist`);
      if (tail[2] === 'entries' && tail.length === 3 && call.method === 'POST') {
        const entry = JSON.parse(body.toString('utf8')) as { name: string; value: string };
        if (kvm.entries.has(entry.name)) return googleError(res, 409, `KeyValueMapEntry ${entry.name} already exists`);
        kvm.entries.set(entry.name, entry.value);
        return send(res, 200, entry);
      }
      if (tail[2] === 'entries' && tail.length === 4 && call.method === 'PUT') {
        if (!kvm.entries.has(tail[3])) return googleError(res, 404, `KeyValueMap(${tail[1]}) Entry=${tail[3]} does not exist`);
        const entry = JSON.parse(body.toString('utf8')) as { name: string; value: string };
        kvm.entries.set(tail[3], entry.value);
        return send(res, 200, entry);
      }
    }
    if (tail[0] === 'sharedflows' && tail[2] === 'revisions' && tail[4] === 'deployments') {
      const id = `${tail[1]}@${tail[3]}`;
      if ((state.flows.get(tail[1])?.length ?? 0) < Number(tail[3])) return googleError(res, 404, `revision ${tail[3]} of ${tail[1]} not found`);
      if (call.method === 'POST') {
        if (body.length !== 0) return googleError(res, 400, 'The request body must be empty');
        if (url.searchParams.get('override') !== 'true') return googleError(res, 400, 'another revision is deployed; use override');
        state.deployments.set(id, { polls: state.deployPolls });
        return send(res, 200, { environment: env, apiProxy: tail[1], revision: tail[3], state: 'PROGRESSING' });
      }
      const deployment = state.deployments.get(id);
      if (!deployment) return googleError(res, 404, 'not deployed');
      const done = deployment.polls-- <= 0;
      return send(res, 200, { environment: env, apiProxy: tail[1], revision: tail[3], state: done ? state.deployState : 'PROGRESSING', errors: done && state.deployState === 'ERROR' ? [{ message: 'policy JS-PiSideband failed validation' }] : [] });
    }
    if (tail[0] === 'flowhooks' && tail.length === 2) {
      if (call.method === 'GET') {
        const hook = state.hooks.get(tail[1]);
        return send(res, 200, hook ? { flowHookPoint: tail[1], ...hook } : { flowHookPoint: tail[1] });
      }
      if (call.method === 'PUT') {
        const hook = JSON.parse(body.toString('utf8')) as { sharedFlow: string; continueOnError?: boolean };
        if (!state.flows.has(hook.sharedFlow)) return googleError(res, 404, `sharedflow ${hook.sharedFlow} not found`);
        state.hooks.set(tail[1], { sharedFlow: hook.sharedFlow, continueOnError: hook.continueOnError ?? true });
        return send(res, 200, { flowHookPoint: tail[1], ...state.hooks.get(tail[1]) });
      }
    }
    return googleError(res, 404, `no mock route for ${key}`);
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks)).catch((error) => googleError(res, 500, String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    calls,
    state,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
}
