// Tests of the fake Akana host and its Rhino runner (Node, vitest; spawns a JVM): tiny ES5 scripts, not the policies.
import { spawnSync } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFakeAkana, rhinoAvailable, rhinoJar, runScenarios, type Scenario, type ScenarioResult, type StepResult } from '../../emulators/akana';

const available = rhinoAvailable().ok;
const ASE = '{urn:test}ase-primary';
const ASE_IFACE = '{urn:test}ase-primary_PortType';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let dir = '';
let ase: Server;
let silent: Server;
let asePort = 0;
let silentPort = 0;
let refusedPort = 0;
const received: Received[] = [];
let results: Map<string, ScenarioResult>;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

function close(server: Server | undefined): Promise<void> {
  if (!server) return Promise.resolve();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Writes an ES5 script into the temp dir and returns its path. */
function script(name: string, source: string): string {
  const p = join(dir, name);
  writeFileSync(p, source);
  return p;
}

function steps(name: string): StepResult[] {
  const r = results.get(name);
  if (!r) throw new Error(`no result for scenario ${name}`);
  return r.steps;
}

/** Script that sends one exchange to ASE_IFACE/postRequestMetadata and records what came back. */
const SEND = `
var ex = msgrService.createExchangeFactory().createInOut();
ex.setServiceName("${ASE}");
ex.setInterfaceName("${ASE_IFACE}");
ex.setOperationName("postRequestMetadata");
var req = ex.createInMessage();
req.setContentType("application/json");
req.setStringContent('{"hello":"ase"}');
var h = req.createTransportHeaders();
h.add("X-Scenario", SCENARIO);
h.add("X-Once", "first");
h.add("x-once", "second");
req.setTransportHeaders(h);
msgrService.getMessenger().send(ex);
var me = messageContext.getExchange();
me.setProperty("exStatus", String(ex.getStatus()));
var out = ex.getOutMessage();
if (out !== null) {
  var st = out.getProperty("http.status.code.property");
  me.setProperty("statusClass", String(st.getClass().getName()));
  me.setProperty("status", String(parseInt(String(st), 10)));
  me.setProperty("body", String(out.getContentAsString()));
  me.setProperty("replyHeader", String(out.getTransportHeaders().get("x-reply").getValue()));
}
var fault = ex.getFaultMessage();
if (fault !== null) {
  me.setProperty("faultStatus", String(fault.getProperty("http.status.code.property")));
}
`;

function sendScenario(name: string, route: Scenario['routes']): Scenario {
  return {
    name,
    routes: route,
    steps: [{ scripts: [script(`${name}.js`, `var SCENARIO = "${name}";\n${SEND}`)] }]
  };
}

describe('fake Akana host in Rhino', () => {
  beforeAll(async () => {
    if (!available) return;
    dir = mkdtempSync(join(tmpdir(), 'fake-akana-test-'));
    ase = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const status = req.url === '/ase/blocked' ? 403 : 200;
        res.writeHead(status, { 'Content-Type': 'application/json', 'X-Reply': 'from-ase' });
        res.end(JSON.stringify({ path: req.url }));
      });
    });
    silent = createServer(() => {
      /* never answers: read timeouts */
    });
    asePort = await listen(ase);
    silentPort = await listen(silent);
    const closed = createServer();
    refusedPort = await listen(closed);
    await close(closed);

    const base = `http://127.0.0.1:${asePort}`;
    const scenarios: Scenario[] = [
      {
        name: 'java-strings',
        steps: [
          {
            message: { headers: [['X-A', 'alpha'], ['x-a', 'beta']] },
            scripts: [
              script(
                'java-strings.js',
                `var hs = messageContext.getMessage().getTransportHeaders();
                 var v = hs.get("X-A").getValue();
                 var me = messageContext.getExchange();
                 me.setProperty("typeof", typeof v);
                 me.setProperty("strictEqualsJs", String(v === "alpha, beta"));
                 me.setProperty("converted", String(String(v) === "alpha, beta"));
                 me.setProperty("missingIsNull", String(hs.get("X-None") === null));
                 me.setProperty("lowerCaseLookup", String(hs.get("x-a").getName()));`
              )
            ]
          }
        ]
      },
      {
        name: 'set-success-false',
        steps: [
          {
            scripts: [
              script(
                'block.js',
                `var out = messageContext.getExchange().createOutputMessage();
                 out.setContentType("application/json");
                 out.setStringContent('{"blocked":true}');
                 out.setProperty("http.status.code.property", 403);
                 result.setSuccess(false);`
              )
            ]
          }
        ]
      },
      sendScenario('send-integer-status', { [ASE]: { baseUrl: base } }),
      sendScenario('send-string-status', { [ASE]: { baseUrl: base, statusType: 'string' } }),
      sendScenario('send-error-as-fault', {
        [ASE]: { baseUrl: base, errorStatusAs: 'fault', operations: { postRequestMetadata: '/ase/blocked' } }
      }),
      {
        name: 'send-in-only',
        routes: { [ASE]: { baseUrl: base, interfaceName: ASE_IFACE } },
        steps: [
          {
            scripts: [
              script(
                'in-only.js',
                `var ex = msgrService.createExchangeFactory("${ASE}").createInOnly();
                 ex.setInterfaceName("${ASE_IFACE}");
                 ex.setOperationName("postResponseMetadata");
                 var m = msgFactory.create("application/json");
                 m.setStringContent('{"in":"only"}');
                 var h = m.createTransportHeaders();
                 h.add("X-Scenario", "send-in-only");
                 m.setTransportHeaders(h);
                 ex.setInMessage(m);
                 msgrService.getMessenger().send(ex, true);
                 messageContext.getExchange().setProperty("outIsNull", String(ex.getOutMessage() === null));
                 messageContext.getExchange().setProperty("exStatus", String(ex.getStatus()));`
              )
            ]
          }
        ]
      },
      {
        name: 'send-failures',
        routes: {
          [ASE]: { baseUrl: `http://127.0.0.1:${refusedPort}` },
          '{urn:test}slow': { baseUrl: `http://127.0.0.1:${silentPort}`, readTimeoutMs: 300 }
        },
        steps: ['{urn:test}ase-primary', '{urn:test}slow', '{urn:test}unregistered'].map((service, i) => ({
          name: service,
          scripts: [
            script(
              `failure-${i}.js`,
              `var ex = msgrService.createExchangeFactory().createInOut();
               ex.setServiceName("${service}");
               ex.setInterfaceName("{urn:test}pt");
               ex.setOperationName("postRequestMetadata");
               ex.createInMessage().setStringContent("{}");
               var me = messageContext.getExchange();
               try {
                 msgrService.getMessenger().send(ex);
                 me.setProperty("caught", "nothing");
               } catch (e) {
                 me.setProperty("caught", String(e.javaException.getClass().getName()));
                 me.setProperty("exStatus", String(ex.getStatus()));
               }`
            )
          ]
        }))
      },
      {
        name: 'escaping-exceptions',
        routes: {},
        steps: [
          { name: 'ecma', scripts: [script('esc-ecma.js', 'notDefinedAnywhere();')] },
          { name: 'thrown', scripts: [script('esc-throw.js', 'throw new Error("boom");')] },
          {
            name: 'java',
            scripts: [
              script(
                'esc-java.js',
                `var ex = msgrService.createExchangeFactory("{urn:test}nowhere").createInOut();
                 ex.setInterfaceName("{urn:test}pt"); ex.setOperationName("op");
                 ex.createInMessage().setStringContent("x");
                 msgrService.getMessenger().send(ex);`
              )
            ]
          },
          { name: 'syntax', scripts: [{ name: 'inline-syntax.js', source: 'var = ;' }] }
        ]
      },
      {
        name: 'bindings',
        steps: [
          {
            name: 'absent-and-null',
            bindings: { msgrService: 'absent', systemLog: 'null' },
            scripts: [
              script(
                'bindings.js',
                `var me = messageContext.getExchange();
                 me.setProperty("msgrService", typeof msgrService);
                 me.setProperty("systemLogIsNull", String(systemLog === null));
                 me.setProperty("auditLog", typeof auditLog);`
              )
            ]
          },
          {
            name: 'absent-used',
            bindings: { msgrService: 'absent' },
            scripts: [script('bindings-used.js', 'msgrService.getMessenger();')]
          }
        ]
      },
      {
        name: 'exchange-persistence',
        steps: [
          {
            name: 'request',
            exchange: 'e1',
            parameterType: 0,
            exchangeSetup: { serviceName: '{urn:api}orders', operationName: 'getOrder' },
            message: { headers: [['Authorization', 'Bearer x']], properties: { 'http.method': 'GET' } },
            scripts: [
              script(
                'persist-req.js',
                `var me = messageContext.getExchange();
                 me.setProperty("corr", "abc-123");
                 me.setProperty("requestType", String(messageContext.getParameterType()));
                 var leaked = "from step 1";`
              )
            ]
          },
          {
            name: 'response',
            exchange: 'e1',
            parameterType: 1,
            message: { headers: [['Content-Type', 'application/json']], content: '{"id":1}', properties: { 'http.status.code.property': 200 } },
            scripts: [
              script(
                'persist-resp.js',
                `var me = messageContext.getExchange();
                 me.setProperty("seen", String(me.getProperty("corr")));
                 me.setProperty("responseType", String(messageContext.getParameterType()));
                 me.setProperty("leakedType", typeof leaked);
                 me.setProperty("service", String(me.getServiceName()));
                 me.setProperty("inMethod", String(me.getInMessage().getProperty("http.method")));
                 me.setProperty("msgIsOut", String(me.getOutMessage().equals(messageContext.getMessage())));`
              )
            ]
          },
          {
            name: 'other exchange',
            exchange: 'e2',
            parameterType: 1,
            scripts: [
              script('persist-other.js', 'messageContext.getExchange().setProperty("seen", String(messageContext.getExchange().getProperty("corr")));')
            ]
          }
        ]
      },
      {
        name: 'no-info',
        steps: [
          {
            name: 'caught',
            scripts: [
              script(
                'no-info.js',
                `var me = messageContext.getExchange();
                 me.setProperty("infoType", typeof auditLog.info);
                 try { auditLog.info("hello"); me.setProperty("infoThrew", "no"); }
                 catch (e) { me.setProperty("infoThrew", String(e.name)); }
                 auditLog.debug("d"); auditLog.warn("w"); systemLog.error("e");
                 me.setProperty("debugEnabled", String(auditLog.isDebugEnabled()));`
              )
            ]
          },
          { name: 'uncaught', scripts: [script('no-info-uncaught.js', 'auditLog.info("hello");')] }
        ]
      },
      {
        name: 'sysprops-set',
        steps: [
          {
            scripts: [
              script('sysprop-set.js', 'java.lang.System.setProperty("fake.akana.probe", "set-by-first-scenario"); var globalFromFirst = 1;')
            ]
          }
        ]
      },
      {
        name: 'sysprops-read',
        steps: [
          {
            scripts: [
              script(
                'sysprop-read.js',
                `var me = messageContext.getExchange();
                 me.setProperty("probe", String(java.lang.System.getProperty("fake.akana.probe")));
                 me.setProperty("globalType", typeof globalFromFirst);`
              )
            ]
          }
        ]
      },
      {
        name: 'message-api',
        steps: [
          {
            message: {
              properties: { n: 5 },
              securitySubjects: { 'urn:org:federatedgovernance:security:subject-category:enduser': 'alice' }
            },
            scripts: [
              script(
                'message-api.js',
                `var msg = messageContext.getMessage(), me = messageContext.getExchange();
                 me.setProperty("headersNull", String(msg.getTransportHeaders() === null));
                 var h = msg.createTransportHeaders();
                 h.add("X-R", "1"); h.add("x-r", "2");
                 msg.setTransportHeaders(h);
                 me.setProperty("replaced", String(msg.getTransportHeaders().get("X-R").getValue()) + "/" + h.getArray().length);
                 try { me.createInMessage(); me.setProperty("inSlot", "created"); }
                 catch (e) { me.setProperty("inSlot", String(e.javaException.getClass().getName())); }
                 var names = msg.getPropertyNames();
                 names.remove("n");
                 me.setProperty("nAfterRemove", String(msg.getProperty("n")));
                 var user = msg.getSecuritySubjects().get("urn:org:federatedgovernance:security:subject-category:enduser").getPrincipals()[0].getName();
                 me.setProperty("user", typeof user + ":" + String(user));
                 me.setProperty("consumerSubject", String(msg.getSecuritySubjects().get("urn:x:consumer")));
                 me.setProperty("successType", typeof result.isSuccess());`
              )
            ]
          }
        ]
      },
      {
        name: 'akana-profile',
        steps: [{ scripts: [script('profile.js', PROFILE_PROBE)] }]
      },
      {
        name: 'repeat',
        steps: [{ repeat: 3, scripts: [{ name: 'inline-repeat.js', source: 'messageContext.getExchange().setProperty("runs", 1);' }] }]
      }
    ];
    results = new Map((await runScenarios(scenarios)).map((r) => [r.name, r]));
  });

  afterAll(async () => {
    await close(ase);
    await close(silent);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!available)('compiles once and reuses the compiled classes', async () => {
    const a = await compileFakeAkana();
    const b = await compileFakeAkana();
    expect(a).toBe(b);
    expect(a).toMatch(/\.cache[\\/]fake-akana[\\/][0-9a-f]{16}$/);
  });

  it.skipIf(!available)('header values are Java strings: typeof object, === false', () => {
    const [s] = steps('java-strings');
    expect(s.exception).toBeNull();
    expect(s.exchangeProperties).toMatchObject({
      typeof: 'object',
      strictEqualsJs: 'false',
      converted: 'true',
      missingIsNull: 'true',
      lowerCaseLookup: 'X-A'
    });
    expect(s.message?.headers).toEqual([['X-A', 'alpha, beta']]);
  });

  it.skipIf(!available)('reports result.setSuccess(false) and the out message the client would get', () => {
    const [s] = steps('set-success-false');
    expect(s.exception).toBeNull();
    expect(s.success).toBe(false);
    expect(s.out).toMatchObject({ content: '{"blocked":true}', contentType: 'application/json', statusCode: 403 });
  });

  it.skipIf(!available)('sends an exchange over HTTP and returns the status as an Integer property', () => {
    const [s] = steps('send-integer-status');
    expect(s.exception).toBeNull();
    expect(s.exchangeProperties).toMatchObject({
      exStatus: '1',
      status: '200',
      statusClass: 'java.lang.Integer',
      body: '{"path":"/ase/request"}',
      replyHeader: 'from-ase'
    });
    const got = received.filter((r) => r.headers['x-scenario'] === 'send-integer-status');
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ method: 'POST', url: '/ase/request', body: '{"hello":"ase"}' });
    expect(got[0]?.headers['content-type']).toBe('application/json');
    expect(got[0]?.headers['x-once']).toBe('second');
    expect(s.sends).toHaveLength(1);
    expect(s.sends[0]).toMatchObject({
      service: ASE,
      interfaceName: ASE_IFACE,
      operation: 'postRequestMetadata',
      url: `http://127.0.0.1:${asePort}/ase/request`,
      status: 200,
      body: '{"hello":"ase"}',
      exception: null,
      thread: 'main',
      pattern: 'IN_OUT',
      audit: null
    });
  });

  it.skipIf(!available)('can deliver the status as a String instead', () => {
    const [s] = steps('send-string-status');
    expect(s.exception).toBeNull();
    expect(s.exchangeProperties).toMatchObject({ status: '200', statusClass: 'java.lang.String' });
  });

  it.skipIf(!available)('can deliver error statuses as a fault message with exchange status ERROR', () => {
    const [s] = steps('send-error-as-fault');
    expect(s.exception).toBeNull();
    expect(s.exchangeProperties).toMatchObject({ exStatus: '2', faultStatus: '403' });
    expect(s.exchangeProperties.status).toBeUndefined();
    expect(s.sends[0]?.status).toBe(403);
  });

  it.skipIf(!available)('in-only exchanges are posted but get no out message', () => {
    const [s] = steps('send-in-only');
    expect(s.exception).toBeNull();
    expect(s.exchangeProperties).toMatchObject({ outIsNull: 'true', exStatus: '1' });
    const got = received.filter((r) => r.headers['x-scenario'] === 'send-in-only');
    expect(got.map((r) => [r.url, r.body])).toEqual([['/ase/response', '{"in":"only"}']]);
    expect(s.sends[0]).toMatchObject({ pattern: 'IN_ONLY', audit: true, status: 200 });
  });

  it.skipIf(!available)('refused, timed-out and unregistered sends throw GException into the script', () => {
    const all = steps('send-failures');
    expect(all).toHaveLength(3);
    for (const s of all) {
      expect(s.exception).toBeNull();
      expect(s.exchangeProperties).toMatchObject({ caught: 'com.digev.fw.exception.GException', exStatus: '2' });
      expect(s.sends).toHaveLength(1);
      expect(s.sends[0]?.exception?.class).toBe('com.digev.fw.exception.GException');
      expect(s.sends[0]?.status).toBeNull();
    }
    expect(all[0]?.sends[0]?.exception?.message).toMatch(/Connection refused/);
    expect(all[1]?.sends[0]?.exception?.message).toMatch(/timed out/i);
    expect(all[2]?.sends[0]?.exception?.message).toMatch(/not registered/);
  });

  it.skipIf(!available)('reports exceptions that escape the script', () => {
    const [ecma, thrown, java, syntax] = steps('escaping-exceptions');
    expect(ecma?.exception).toMatchObject({ class: 'org.mozilla.javascript.EcmaError' });
    expect(ecma?.exception?.message).toMatch(/notDefinedAnywhere/);
    expect(thrown?.exception).toMatchObject({ class: 'org.mozilla.javascript.JavaScriptException' });
    expect(thrown?.exception?.message).toMatch(/boom/);
    expect(thrown?.exception?.sourceName).toMatch(/esc-throw\.js$/);
    expect(java?.exception).toMatchObject({
      class: 'org.mozilla.javascript.WrappedException',
      wrapped: { class: 'com.digev.fw.exception.GException' }
    });
    expect(syntax?.exception).toMatchObject({ class: 'org.mozilla.javascript.EvaluatorException', sourceName: 'inline-syntax.js' });
  });

  it.skipIf(!available)('binds, nulls or omits host variables as asked', () => {
    const [present, used] = steps('bindings');
    expect(present?.exception).toBeNull();
    expect(present?.exchangeProperties).toMatchObject({ msgrService: 'undefined', systemLogIsNull: 'true', auditLog: 'object' });
    expect(used?.exception?.class).toBe('org.mozilla.javascript.EcmaError');
    expect(used?.exception?.message).toMatch(/msgrService/);
  });

  it.skipIf(!available)('keeps exchange properties from the request step to the response step, not the scope', () => {
    const [req, resp, other] = steps('exchange-persistence');
    expect(req?.exception).toBeNull();
    expect(resp?.exception).toBeNull();
    expect(resp?.exchangeProperties).toMatchObject({
      corr: 'abc-123',
      seen: 'abc-123',
      requestType: '0',
      responseType: '1',
      leakedType: 'undefined',
      service: '{urn:api}orders',
      inMethod: 'GET',
      msgIsOut: 'true'
    });
    expect(resp?.out).toMatchObject({ statusCode: 200, content: '{"id":1}' });
    expect(resp?.out?.propertyTypes['http.status.code.property']).toBe('java.lang.Integer');
    expect(resp?.exchangeId).toBe(req?.exchangeId);
    expect(other?.exchangeProperties).toEqual({ seen: 'null' });
  });

  it.skipIf(!available)('auditLog has debug/warn/error but no info', () => {
    const [caught, uncaught] = steps('no-info');
    expect(caught?.exception).toBeNull();
    expect(caught?.exchangeProperties).toMatchObject({ infoType: 'undefined', infoThrew: 'TypeError', debugEnabled: 'true' });
    expect(caught?.logs).toEqual([
      { logger: 'auditLog', level: 'debug', text: 'd' },
      { logger: 'auditLog', level: 'warn', text: 'w' },
      { logger: 'systemLog', level: 'error', text: 'e' }
    ]);
    expect(uncaught?.exception?.class).toBe('org.mozilla.javascript.EcmaError');
    expect(uncaught?.exception?.message).toMatch(/info/);
  });

  it.skipIf(!available)('system properties survive between executions in one JVM, globals do not', () => {
    const [s] = steps('sysprops-read');
    expect(steps('sysprops-set')[0]?.exception).toBeNull();
    expect(s?.exception).toBeNull();
    expect(s?.exchangeProperties).toMatchObject({ probe: 'set-by-first-scenario', globalType: 'undefined' });
  });

  it.skipIf(!available)('message API: null headers, add replaces, filled slots throw, live names, subjects', () => {
    const [s] = steps('message-api');
    expect(s?.exception).toBeNull();
    expect(s?.exchangeProperties).toMatchObject({
      headersNull: 'true',
      replaced: '2/1',
      inSlot: 'com.digev.fw.exception.GException',
      nAfterRemove: 'null',
      user: 'object:alice',
      consumerSubject: 'null',
      successType: 'object'
    });
    expect(s?.message?.headers).toEqual([['x-r', '2']]);
    expect(s?.message?.properties).toEqual({});
  });

  it.skipIf(!available)('the default profile hides what Rhino 1.7R4 lacked', () => {
    const [s] = steps('akana-profile');
    expect(s?.exception).toBeNull();
    expect(s?.exchangeProperties).toMatchObject(AKANA_PROFILE_EXPECTED);
  });

  it.skipIf(!available)('repeat reruns a step and reports every run time', () => {
    const [s] = steps('repeat');
    expect(s?.exception).toBeNull();
    expect(s?.runMicros).toHaveLength(3);
    expect(s?.exchangeProperties).toEqual({ runs: 1 });
  });

  it.skipIf(!available)('profile rhino-1.7.14 leaves the engine as it is', async () => {
    const [r] = await runScenarios(
      [{ name: 'plain', steps: [{ scripts: [{ name: 'profile.js', source: PROFILE_PROBE }] }] }],
      { profile: 'rhino-1.7.14', optimizationLevel: -1 }
    );
    const s = r?.steps[0];
    expect(s?.exception).toBeNull();
    // Whatever the jar (1.7.14 here, Akana's own 1.7R4 through RHINO_JAR): the same answers as Rhino's shell.
    const own = engineOwnAnswers();
    expect(Object.keys(own)).toHaveLength(Object.keys(AKANA_PROFILE_EXPECTED).length);
    expect(s?.exchangeProperties).toMatchObject(own);
  });

  it.skipIf(!available)('the allowlist shutter keeps host objects usable and hides java.util; stdout stays JSON', async () => {
    const probe = `
      var me = messageContext.getExchange();
      java.lang.System.out.println("a script printing must not break the JSON on stdout");
      me.setProperty("header", String(messageContext.getMessage().getTransportHeaders().get("a").getValue()));
      try { new java.util.ArrayList(); me.setProperty("javaUtil", "usable"); } catch (e) { me.setProperty("javaUtil", "hidden"); }
      try { messageContext.getMessage().getPropertyNames().size(); me.setProperty("names", "usable"); }
      catch (e) { me.setProperty("names", "hidden"); }
      try { new java.io.FileInputStream("/dev/null"); me.setProperty("fileStreams", "usable"); }
      catch (e) { me.setProperty("fileStreams", "hidden"); }
      me.setProperty("javaLang", String(new java.lang.StringBuilder("x").append("y")));`;
    const [r] = await runScenarios(
      [{ name: 'allowlist', steps: [{ message: { headers: [['A', '1']] }, scripts: [{ name: 'allowlist.js', source: probe }] }] }],
      { classShutter: 'allowlist' }
    );
    const s = r?.steps[0];
    expect(s?.exception).toBeNull();
    expect(s?.exchangeProperties).toEqual({ header: '1', javaUtil: 'hidden', names: 'hidden', fileStreams: 'hidden', javaLang: 'xy' });
  });
});

/** Probes the engine surface; every value is a JS string stored on the exchange. */
const PROFILE_PROBE = `
var me = messageContext.getExchange();
me.setProperty("assign", typeof Object.assign);
me.setProperty("includes", typeof "".includes);
me.setProperty("find", typeof [].find);
me.setProperty("typedArrays", typeof Uint8Array);
me.setProperty("keys", typeof Object.keys);
me.setProperty("json", typeof JSON.stringify);
var list = new java.lang.String("a,b").split(",");
var jl = java.util.Arrays.asList(list);
try { me.setProperty("listIndex", String(jl[0])); } catch (e) { me.setProperty("listIndex", "throws"); }
`;

/** PROFILE_PROBE in Rhino's own shell, without the fake host (a stand-in exchange collects the answers): what the engine itself gives. */
function engineOwnAnswers(): Record<string, string> {
  const source =
    'var seen = {}; var messageContext = { getExchange: function () { return { setProperty: function (k, v) { seen[k] = String(v); } }; } };' +
    PROFILE_PROBE +
    'print(JSON.stringify(seen));';
  const shell = spawnSync('java', ['-cp', rhinoJar() as string, 'org.mozilla.javascript.tools.shell.Main', '-opt', '-1', '-version', '180', '-e', source], {
    encoding: 'utf8',
    timeout: 60000
  });
  if (shell.status !== 0) throw new Error(`Rhino's shell failed: ${shell.error?.message ?? shell.stderr}`);
  return JSON.parse(shell.stdout) as Record<string, string>;
}

const AKANA_PROFILE_EXPECTED = {
  assign: 'undefined',
  includes: 'undefined',
  find: 'undefined',
  typedArrays: 'undefined',
  keys: 'function',
  json: 'function',
  listIndex: 'throws'
};
