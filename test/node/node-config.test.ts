// Startup checks of the Node host (config, TLS options, loggers) and the transport error classifier (Node).
import { describe, expect, it } from 'vitest';
import { createAsePolicy, PolicyConfigError } from '../../node/index';
import { classifyTransportError } from '../../node/transport-errors';
import { undiciHeaders } from '../../node/undici-transport';
import { recordingLogger } from './recording-logger';

const node = { name: 'primary', url: 'http://127.0.0.1:1' };

function configError(run: () => unknown): PolicyConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyConfigError);
    expect(error).toBeInstanceOf(TypeError);
    return error as PolicyConfigError;
  }
  throw new Error('expected createAsePolicy to throw');
}

describe('createAsePolicy startup checks', () => {
  it('refuses a node without url (an Akana-only node) with CONFIG_INVALID naming the field', () => {
    const error = configError(() => createAsePolicy({
      // @ts-expect-error a node without url: the config type rejects it, and so must the startup check (JavaScript callers)
      config: { aseToken: '', nodes: [node, { name: 'akana', service: '{ns}svc', interface: '{ns}pt', requestOperation: 'req', responseOperation: 'res' }] }
    }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(/^CONFIG_INVALID: 1 problem: nodes\[1\]\.url is required by the Node host/);
    expect(error.problems.map((p) => p.path)).toEqual(['nodes[1].url']);
  });

  it('reports the shared validator problems (and TLS ones) at once, without echoing the token', () => {
    const error = configError(() => createAsePolicy({
      config: { aseToken: 'bad token secret', nodes: [], retryAfterMs: -1 },
      tls: { cert: '-----BEGIN CERTIFICATE-----' }
    }));
    expect(error.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['aseToken', 'nodes', 'retryAfterMs', 'tls.key']));
    expect(error.message).not.toContain('secret');
    expect(error.message).toContain('tls.cert and tls.key go together');
  });

  it('says to put the settings under config when they are at the top of the options, or no options are given', () => {
    // @ts-expect-error the settings without their config wrapper: tsc rejects it, JavaScript callers get this
    const unwrapped = configError(() => createAsePolicy({ aseToken: 'tok-secret', nodes: [node] }));
    expect(unwrapped.problems.map((p) => p.path)).toEqual(['config']);
    expect(unwrapped.message).toMatch(/^CONFIG_INVALID: 1 problem: config: not given, while aseToken or nodes are at the top of the options: put the settings under config/);
    expect(unwrapped.message).not.toContain('tok-secret');
    // @ts-expect-error no options at all (JavaScript)
    const none = configError(() => createAsePolicy());
    expect(none.message).toContain('createAsePolicy takes an options object with the settings under config');
    // A config that is there but empty is the validator's to name, as before.
    // @ts-expect-error an empty config
    expect(configError(() => createAsePolicy({ config: {} })).problems.map((p) => p.path)).toEqual(expect.arrayContaining(['aseToken', 'nodes']));
  });

  it('refuses a non-boolean dangerouslyAcceptSelfSignedCertificates', () => {
    const error = configError(() => createAsePolicy({
      config: { aseToken: '', nodes: [node] },
      tls: { dangerouslyAcceptSelfSignedCertificates: 'yes' as unknown as boolean }
    }));
    expect(error.problems[0].path).toBe('tls.dangerouslyAcceptSelfSignedCertificates');
  });

  it('warns once, at creation, when dangerouslyAcceptSelfSignedCertificates is on', async () => {
    const log = recordingLogger();
    const policy = createAsePolicy({ config: { aseToken: '', nodes: [node] }, logger: log, tls: { dangerouslyAcceptSelfSignedCertificates: true } });
    await policy.close();
    expect(log.lines.filter((line) => line.level === 'warn' && line.message.includes('dangerouslyAcceptSelfSignedCertificates'))).toHaveLength(1);
  });

  it('survives a logger that throws or lacks methods', async () => {
    const policy = createAsePolicy({
      config: { aseToken: '', nodes: [node], failClosed: true },
      logger: { warn: () => { throw new Error('logger down'); } },
      tls: { dangerouslyAcceptSelfSignedCertificates: true }
    });
    const decision = await policy.checkRequest({
      correlationId: 'c1', identity: { username: '', clientId: '', retainedAuthorization: '' },
      request: { method: 'GET', url: '/', httpVersion: '1.1', headers: [], peerAddress: '203.0.113.7', peerPort: 1, fallbackHost: 'api' }
    });
    await policy.close();
    expect(decision).toMatchObject({ verdict: 'block', clientStatus: 503, code: 'ASE_UNAVAILABLE', correlationId: 'c1' });
  });

  it('checkRequest resolves (never rejects) for a malformed call', async () => {
    const log = recordingLogger();
    const policy = createAsePolicy({ config: { aseToken: '', nodes: [node] }, logger: log });
    const decision = await policy.checkRequest(null as never);
    await policy.close();
    expect(decision).toMatchObject({ verdict: 'allow', code: 'POLICY_INTERNAL' });
    expect(log.lines[0].level).toBe('error');
  });
});

describe('undici headers', () => {
  it('leaves out Connection (undici writes keep-alive itself) and keeps the rest in order', () => {
    expect(undiciHeaders([
      { name: 'ASE-Token', value: 't' }, { name: 'X-CorrelationID', value: 'c' }, { name: 'Connection', value: 'keep-alive' }
    ])).toEqual(['ASE-Token', 't', 'X-CorrelationID', 'c']);
  });
});

describe('classifyTransportError', () => {
  const withCode = (code: string, name = 'Error') => Object.assign(new Error('x'), { code, name });
  const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
  const table: Array<[string, unknown, string]> = [
    ['AbortSignal.timeout', timeout, 'ASE_TIMEOUT'],
    ['abort', new DOMException('aborted', 'AbortError'), 'ASE_TIMEOUT'],
    ['undici connect timeout', withCode('UND_ERR_CONNECT_TIMEOUT', 'ConnectTimeoutError'), 'ASE_TIMEOUT'],
    ['undici headers timeout', withCode('UND_ERR_HEADERS_TIMEOUT'), 'ASE_TIMEOUT'],
    ['refused', withCode('ECONNREFUSED'), 'ASE_REFUSED'],
    ['refused inside an AggregateError (happy eyeballs)', Object.assign(new AggregateError([withCode('ECONNREFUSED')], 'x')), 'ASE_REFUSED'],
    ['reset', withCode('ECONNRESET'), 'ASE_RESET'],
    ['undici socket closed', withCode('UND_ERR_SOCKET', 'SocketError'), 'ASE_RESET'],
    ['reset as the cause', Object.assign(new TypeError('fetch failed'), { cause: withCode('ECONNRESET') }), 'ASE_RESET'],
    ['self-signed', withCode('DEPTH_ZERO_SELF_SIGNED_CERT'), 'ASE_TLS'],
    ['unknown CA', withCode('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), 'ASE_TLS'],
    ['wrong host', withCode('ERR_TLS_CERT_ALTNAME_INVALID'), 'ASE_TLS'],
    ['TLS alert', withCode('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED'), 'ASE_TLS'],
    ['garbage answer', withCode('HPE_INVALID_CONSTANT', 'HTTPParserError'), 'ASE_TRANSPORT'],
    ['nock: net connect not allowed', withCode('ENETUNREACH', 'NetConnectNotAllowedError'), 'ASE_TRANSPORT'],
    ['a string', 'boom', 'ASE_TRANSPORT'],
    ['null', null, 'ASE_TRANSPORT']
  ];
  for (const [name, error, code] of table) {
    it(`${name} -> ${code}`, () => {
      expect(classifyTransportError(error).code).toBe(code);
    });
  }

  it('describes the error with its code and first cause', () => {
    const error = Object.assign(new TypeError('fetch failed'), { cause: withCode('ECONNRESET') });
    expect(classifyTransportError(error).detail).toBe('TypeError: fetch failed; cause Error: x [ECONNRESET]');
  });

  it('stops following a cyclic cause chain', () => {
    const a: Error & { cause?: unknown } = new Error('a');
    a.cause = a;
    expect(classifyTransportError(a).code).toBe('ASE_TRANSPORT');
  });
});
