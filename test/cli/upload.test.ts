// The `upload` command (Node) against nock-mocked Policy Manager REST calls: dry run, GET+PUT, activation, failures, credentials.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import command, { DEFAULT_DIR, parseUploadArgs, run, type UploadIo } from '../../cli/commands/upload';
import type { Prompter } from '../../cli/upload/credentials';
import { PROJECT_ROOT } from '../../packaging/entries';
import { hasOpenssl, makeSelfSignedCert } from '../standin/self-signed-cert';

const PM = 'https://pm.example.com:9900';
const BASIC_ENV = { PM_USERNAME: 'admin', PM_PASSWORD: 'pa55:word' };
const BASIC_HEADER = `Basic ${Buffer.from('admin:pa55:word').toString('base64')}`;

// What the build would write; config.js carries a token that must never reach the output.
const CONFIG_JS =
  'var ase_token = "tok-SECRET-123";\nvar primary_ase_service = "{ns}svc";\n' +
  'var primary_ase_interface = "{ns}if", primary_ase_request_operation = "postRequest", primary_ase_response_operation = "postResponse";\n';
const PI_POLICY_JS = '(function () {\n  var a = 1;\n  run(a);\n})();\n';
const RETAIN_JS = '(function () {\n  keep();\n})();\n';

let dir: string;

beforeAll(() => {
  nock.disableNetConnect();
});

afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'upload-cli-'));
  writeFileSync(join(dir, 'config.js'), CONFIG_JS);
  writeFileSync(join(dir, 'pi_policy.js'), PI_POLICY_JS);
  writeFileSync(join(dir, 'retain-header-policy.js'), RETAIN_JS);
});

afterEach(() => {
  nock.cleanAll();
  rmSync(dir, { recursive: true, force: true });
});

interface Outcome {
  code: number;
  out: string[];
  err: string[];
  all: string;
}

async function upload(argv: string[], io: UploadIo = {}): Promise<Outcome> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, {
    env: BASIC_ENV,
    interactive: false,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    ...io
  });
  return { code, out, err, all: [...out, ...err].join('\n') };
}

/** An Akana-like script object: only the content field changes on upload. */
function scriptObject(key: string, content: string, field = 'Content'): Record<string, unknown> {
  return { Key: key, Name: `${key} name`, Language: 'JavaScript', Description: 'kept as is', [field]: content, Version: 3 };
}

function fakePrompter(answers: { line?: string[]; secret?: string[] }): Prompter & { asked: string[] } {
  const lines = [...(answers.line ?? [])];
  const secrets = [...(answers.secret ?? [])];
  const asked: string[] = [];
  return {
    asked,
    line: async (question) => {
      asked.push(question);
      return lines.shift() ?? '';
    },
    secret: async (question) => {
      asked.push(question);
      return secrets.shift() ?? '';
    }
  };
}

function noSecrets(outcome: Outcome): void {
  expect(outcome.all).not.toContain('pa55:word');
  expect(outcome.all).not.toContain(Buffer.from('admin:pa55:word').toString('base64'));
  expect(outcome.all).not.toContain('tok-SECRET-123');
}

describe('upload arguments', () => {
  it('has the command shape the dispatcher routes to', async () => {
    expect(command.name).toBe('upload');
    expect(command.usage).toMatch(/^usage: upload --url URL/);
    expect(DEFAULT_DIR).toBe(join(PROJECT_ROOT, 'dist', 'akana'));
    const { loadCommand } = await import('../../cli/cli');
    expect(await loadCommand('upload')).toBe(command);
  });

  it('maps flags onto keys in upload order, config first', () => {
    const parsed = parseUploadArgs([
      '--url', PM, '--pi-policy-key', 'k-pi', '--config-key', 'k-cfg', '--retain-header-key', 'k-rh',
      '--activate-policy', 'urn:a@b@2', '--activate-policy', 'p2@1', '--timeout', '500', '--dir', dir, '-y'
    ]);
    expect(parsed).toMatchObject({
      help: false,
      url: PM,
      dir,
      targets: [
        { flag: 'config-key', file: 'config.js', key: 'k-cfg' },
        { flag: 'retain-header-key', file: 'retain-header-policy.js', key: 'k-rh' },
        { flag: 'pi-policy-key', file: 'pi_policy.js', key: 'k-pi' }
      ],
      activations: [{ key: 'urn:a@b', version: '2' }, { key: 'p2', version: '1' }],
      dryRun: false,
      timeoutMs: 500,
      yes: true
    });
  });

  it.each([
    [[], /--url is required/],
    [['--url', PM], /name at least one script key/],
    [['--url', 'ftp://pm', '--config-key', 'a'], /--url must start with https:\/\/ or http:\/\//],
    [['--url', 'https://admin:pw@pm', '--config-key', 'a'], /must not hold a user name or password/],
    [['--url', PM, '--config-key', 'a', '--pi-policy-key', 'a'], /name the same key a/],
    [['--url', PM, '--config-key', 'a', '--activate-policy', 'nover'], /KEY@VERSION/],
    [['--url', PM, '--config-key', 'a', '--timeout', '1.5'], /--timeout must be whole milliseconds/],
    [['--url', PM, '--config-key', 'a', '--bogus'], /--bogus/],
    [['--url', PM, 'extra'], /extra/]
  ])('exits 2 for %j', async (argv, message) => {
    const outcome = await upload(argv as string[]);
    expect(outcome.code).toBe(2);
    expect(outcome.err[0]).toMatch(message);
    expect(outcome.err).toHaveLength(1);
    expect(outcome.err[0]).toMatch(/^pi-akana upload: .* \(run "pi-akana upload --help" for the options\)$/);
    expect(outcome.all).not.toContain(':pw@');
  });

  it('prints the usage for --help', async () => {
    const outcome = await upload(['--help']);
    expect(outcome.code).toBe(0);
    expect(outcome.out[0]).toMatch(/PM_USERNAME and PM_PASSWORD/);
    expect(outcome.out[0]).toMatch(/--dry-run/);
  });

  it.each([['--password', 'hunter2'], ['--password=hunter2'], ['--token', 'hunter2'], ['--pass=hunter2']])(
    'refuses a secret on the command line (%s)',
    async (...flag) => {
      const outcome = await upload(['--url', PM, '--config-key', 'a', ...flag]);
      expect(outcome.code).toBe(2);
      expect(outcome.err[0]).toMatch(/is not accepted: .*Set PM_(PASSWORD|TOKEN) in the environment/);
      expect(outcome.all).not.toContain('hunter2');
    }
  );
});

describe('upload credentials', () => {
  it('without credentials and without a terminal: exit 1 naming the variables, no request', async () => {
    const outcome = await upload(['--url', PM, '--config-key', 'cfg', '--dir', dir], { env: {} });
    expect(outcome.code).toBe(1);
    expect(outcome.err).toEqual([
      'upload: no Policy Manager credentials: set PM_USERNAME and PM_PASSWORD (HTTP Basic) or PM_TOKEN (Bearer) in the environment, or run in a terminal to be asked'
    ]);
  });

  it('names the one variable that is missing', async () => {
    const outcome = await upload(['--url', PM, '--config-key', 'cfg', '--dir', dir], { env: { PM_USERNAME: 'admin' } });
    expect(outcome.code).toBe(1);
    expect(outcome.err[0]).toMatch(/^upload: PM_PASSWORD is not set \(PM_USERNAME is\)/);
  });

  it('asks in a terminal (password through the no-echo prompt) and for confirmation', async () => {
    const prompter = fakePrompter({ line: ['operator', 'y'], secret: ['typed-pw'] });
    const scope = nock(PM, { reqheaders: { authorization: `Basic ${Buffer.from('operator:typed-pw').toString('base64')}` } })
      .get('/rest/pmscripts/rh')
      .reply(200, scriptObject('rh', 'old'))
      .put('/rest/pmscripts/rh')
      .reply(200, {});
    const outcome = await upload(['--url', PM, '--retain-header-key', 'rh', '--dir', dir], { env: {}, interactive: true, prompter });
    expect(outcome.code).toBe(0);
    expect(outcome.out[0]).toBe(`Policy Manager ${PM}/rest (credentials from the prompt, timeout 15000 ms)`);
    expect(prompter.asked).toEqual([
      'Policy Manager user name: ',
      'Password for operator: ',
      `1 script to update, 0 unchanged, 0 policy versions to activate on ${PM}. Go ahead? [y/N] `
    ]);
    expect(scope.isDone()).toBe(true);
    expect(outcome.all).not.toContain('typed-pw');
  });

  it('changes nothing when the confirmation is not yes', async () => {
    const prompter = fakePrompter({ line: ['n'] });
    const scope = nock(PM).get('/rest/pmscripts/rh').reply(200, scriptObject('rh', 'old'));
    const outcome = await upload(['--url', PM, '--retain-header-key', 'rh', '--dir', dir], { interactive: true, prompter });
    expect(outcome.code).toBe(1);
    expect(outcome.out.at(-1)).toBe('cancelled: nothing was changed');
    expect(scope.isDone()).toBe(true);
  });

  it('sends PM_TOKEN as a Bearer token', async () => {
    const scope = nock(PM, { reqheaders: { authorization: 'Bearer tkn-1' } })
      .get('/rest/pmscripts/rh')
      .reply(200, scriptObject('rh', RETAIN_JS));
    const outcome = await upload(['--url', PM, '--retain-header-key', 'rh', '--dir', dir], { env: { PM_TOKEN: 'tkn-1', ...BASIC_ENV } });
    expect(outcome.code).toBe(0);
    expect(outcome.out[0]).toBe(`Policy Manager ${PM}/rest (credentials from PM_TOKEN, timeout 15000 ms)`);
    expect(outcome.out.at(-1)).toBe('nothing to do: every script already has this content');
    expect(scope.isDone()).toBe(true);
    expect(outcome.all).not.toContain('tkn-1');
  });
});

describe('upload against Policy Manager', () => {
  it('dry run: only GETs, and a summary per key without the changed lines', async () => {
    const oldConfig = CONFIG_JS.replace('{ns}svc', '{ns}old');
    const scope = nock(PM, { reqheaders: { authorization: BASIC_HEADER, accept: 'application/json' } })
      .get('/rest/pmscripts/cfg')
      .reply(200, scriptObject('cfg', oldConfig))
      .get('/rest/pmscripts/pi')
      .reply(200, scriptObject('pi', PI_POLICY_JS, 'script'))
      .get('/rest/policies/pol/versions/2')
      .reply(200, '<wsp:Policy/>', { 'content-type': 'application/xml' });
    const outcome = await upload([
      '--url', `${PM}/`, '--config-key', 'cfg', '--pi-policy-key', 'pi', '--activate-policy', 'pol@2', '--dir', dir, '--dry-run'
    ]);
    expect(outcome.err).toEqual([]);
    expect(outcome.code).toBe(0);
    expect(scope.isDone()).toBe(true);
    const bytes = (text: string) => Buffer.byteLength(text);
    expect(outcome.out).toEqual([
      `Policy Manager ${PM}/rest (credentials from PM_USERNAME/PM_PASSWORD, timeout 15000 ms)`,
      'GET /pmscripts/cfg ... 200',
      '  config.js -> script cfg, field Content',
      expect.stringMatching(new RegExp(`^ {4}now: ${bytes(oldConfig)} bytes, 4 lines, sha256 [0-9a-f]{12}$`)),
      expect.stringMatching(new RegExp(`^ {4}new: ${bytes(CONFIG_JS)} bytes, 4 lines, sha256 [0-9a-f]{12}$`)),
      '    diff: +1 -1 lines in 1 hunk: @@ -2,1 +2,1 @@',
      'GET /pmscripts/pi ... 200',
      '  pi_policy.js -> script pi, field script',
      expect.stringMatching(/^ {4}unchanged: \d+ bytes, 5 lines, sha256 [0-9a-f]{12}$/),
      'GET /policies/pol/versions/2 ... 200',
      'dry run: 1 script to update, 1 unchanged, 1 policy version to activate; nothing was changed'
    ]);
    noSecrets(outcome);
  });

  it('real run: GET, then PUT of the same object with only the content replaced, then activation', async () => {
    const existing = scriptObject('pi', '// old policy\n', 'Content');
    const puts: unknown[] = [];
    const scope = nock(PM, { reqheaders: { authorization: BASIC_HEADER } })
      .get('/rest/pmscripts/pi')
      .reply(200, existing)
      .get('/rest/policies/urn%3Apol/versions/4')
      .reply(200, {})
      .put('/rest/pmscripts/pi', (body) => {
        puts.push(body);
        return true;
      })
      .matchHeader('content-type', 'application/json')
      .reply(200, {})
      .put('/rest/policies/urn%3Apol/versions/4/workflow', { Action: 'Activate' })
      .reply(200, {});
    const outcome = await upload(['--url', PM, '--pi-policy-key', 'pi', '--activate-policy', 'urn:pol@4', '--dir', dir]);
    expect(outcome.err).toEqual([]);
    expect(outcome.code).toBe(0);
    expect(scope.isDone()).toBe(true);
    expect(puts).toEqual([{ ...existing, Content: PI_POLICY_JS }]);
    expect(outcome.out.slice(-4)).toEqual([
      'GET /policies/urn%3Apol/versions/4 ... 200',
      `PUT /pmscripts/pi ... 200 updated (${Buffer.byteLength(PI_POLICY_JS)} bytes)`,
      'PUT /policies/urn%3Apol/versions/4/workflow ... 200 activated',
      'done: 1 script updated, 0 unchanged, 1 policy version activated'
    ]);
    noSecrets(outcome);
  });

  it('uploads config first and skips the PUT of an unchanged script', async () => {
    const order: string[] = [];
    const scope = nock(PM)
      .get('/rest/pmscripts/pi')
      .reply(200, () => (order.push('GET pi'), scriptObject('pi', 'old')))
      .get('/rest/pmscripts/cfg')
      .reply(200, () => (order.push('GET cfg'), scriptObject('cfg', 'old')))
      .get('/rest/pmscripts/rh')
      .reply(200, () => (order.push('GET rh'), scriptObject('rh', RETAIN_JS)))
      .put('/rest/pmscripts/cfg')
      .reply(204, () => (order.push('PUT cfg'), ''))
      .put('/rest/pmscripts/pi')
      .reply(200, () => (order.push('PUT pi'), {}));
    const outcome = await upload(['--url', PM, '--pi-policy-key', 'pi', '--config-key', 'cfg', '--retain-header-key', 'rh', '--dir', dir]);
    expect(outcome.code).toBe(0);
    expect(scope.isDone()).toBe(true);
    expect(order).toEqual(['GET cfg', 'GET rh', 'GET pi', 'PUT cfg', 'PUT pi']);
    expect(outcome.out.at(-1)).toBe('done: 2 scripts updated, 1 unchanged, 0 policy versions activated');
    noSecrets(outcome);
  });

  it('401: exit 1 telling to check PM_USERNAME/PM_PASSWORD, no PUT', async () => {
    const scope = nock(PM).get('/rest/pmscripts/cfg').reply(401, 'Unauthorized');
    const outcome = await upload(['--url', PM, '--config-key', 'cfg', '--dir', dir]);
    expect(outcome.code).toBe(1);
    expect(scope.isDone()).toBe(true);
    expect(outcome.out.at(-1)).toBe('GET /pmscripts/cfg ... 401');
    expect(outcome.err).toEqual(['upload: 401 Unauthorized: Policy Manager rejected the credentials; check PM_USERNAME/PM_PASSWORD']);
    noSecrets(outcome);
  });

  it('404: names the unknown key and says to export the object first', async () => {
    const scope = nock(PM).get('/rest/pmscripts/abc').reply(404, '');
    const outcome = await upload(['--url', PM, '--retain-header-key', 'abc', '--dir', dir]);
    expect(outcome.code).toBe(1);
    expect(scope.isDone()).toBe(true);
    expect(outcome.err[0]).toMatch(/^upload: unknown key abc: export the object first or check the key/);
  });

  it('a wrong policy version stops the run before any PUT', async () => {
    const scope = nock(PM).get('/rest/pmscripts/rh').reply(200, scriptObject('rh', 'old')).get('/rest/policies/pol/versions/9').reply(404);
    const outcome = await upload(['--url', PM, '--retain-header-key', 'rh', '--activate-policy', 'pol@9', '--dir', dir]);
    expect(outcome.code).toBe(1);
    expect(scope.isDone()).toBe(true);
    expect(outcome.err[0]).toMatch(/^upload: unknown key pol or version 9: export the object first/);
  });

  it('403 on a PUT: says what was refused and what was already updated', async () => {
    const scope = nock(PM)
      .get('/rest/pmscripts/cfg')
      .reply(200, scriptObject('cfg', 'old'))
      .get('/rest/pmscripts/pi')
      .reply(200, scriptObject('pi', 'old'))
      .put('/rest/pmscripts/cfg')
      .reply(200, {})
      .put('/rest/pmscripts/pi')
      .reply(403, { message: 'not allowed' });
    const outcome = await upload(['--url', PM, '--config-key', 'cfg', '--pi-policy-key', 'pi', '--dir', dir]);
    expect(outcome.code).toBe(1);
    expect(scope.isDone()).toBe(true);
    expect(outcome.err).toEqual([
      'upload: 403 Forbidden: these credentials may not change script pi; use an account with administrator rights on it (tenant or organization admin)',
      'upload: already updated before the failure: script cfg'
    ]);
  });

  it('other statuses show one line of the answer', async () => {
    const scope = nock(PM).get('/rest/pmscripts/cfg').reply(500, 'Internal\n  error: database down');
    const outcome = await upload(['--url', PM, '--config-key', 'cfg', '--dir', dir]);
    expect(outcome.code).toBe(1);
    expect(scope.isDone()).toBe(true);
    expect(outcome.err).toEqual(['upload: HTTP 500 for script cfg: Internal error: database down']);
  });

  it('connection refused: names the URL', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:9900'), { code: 'ECONNREFUSED' });
    const scope = nock(PM).get('/rest/pmscripts/cfg').replyWithError(refused);
    const outcome = await upload(['--url', PM, '--config-key', 'cfg', '--dir', dir]);
    expect(outcome.code).toBe(1);
    expect(scope.isDone()).toBe(true);
    expect(outcome.out.at(-1)).toBe('GET /pmscripts/cfg ... failed');
    expect(outcome.err).toEqual([
      `upload: connection refused by ${PM}: is Policy Manager running there, and are the host and port in --url right?`
    ]);
  });

  it('no content field: stops naming the fields seen and asking for --content-field; the flag then works', async () => {
    const odd = { Key: 'cfg', Body: { Text: 'old' }, Tags: ['a'] };
    const scope = nock(PM).get('/rest/pmscripts/cfg').reply(200, odd);
    const outcome = await upload(['--url', PM, '--config-key', 'cfg', '--dir', dir]);
    expect(outcome.code).toBe(1);
    expect(scope.isDone()).toBe(true);
    expect(outcome.err[0]).toBe(
      'upload: script cfg has none of the content fields Content, content, Script, script, Source; ' +
        'fields seen: Key (string), Body (object), Tags (array). Name the one that holds the script text with --content-field NAME'
    );

    let put: unknown;
    const again = nock(PM)
      .get('/rest/pmscripts/cfg')
      .reply(200, odd)
      .put('/rest/pmscripts/cfg', (body) => ((put = body), true))
      .reply(200, {});
    const fixed = await upload(['--url', PM, '--config-key', 'cfg', '--dir', dir, '--content-field', 'Body.Text']);
    expect(fixed.code).toBe(0);
    expect(again.isDone()).toBe(true);
    expect(put).toEqual({ Key: 'cfg', Body: { Text: CONFIG_JS }, Tags: ['a'] });
  });

  it('refuses an answer that is not a JSON object', async () => {
    const scope = nock(PM).get('/rest/pmscripts/cfg').reply(200, '<html>login</html>');
    const outcome = await upload(['--url', PM, '--config-key', 'cfg', '--dir', dir]);
    expect(outcome.code).toBe(1);
    expect(scope.isDone()).toBe(true);
    expect(outcome.err[0]).toBe('upload: GET /pmscripts/cfg did not return JSON (it looks like XML or HTML: is --url the Policy Manager address?)');
  });

  it('refuses an object whose integers would not survive the round trip', async () => {
    const scope = nock(PM).get('/rest/pmscripts/cfg').reply(200, '{"Content": "old", "Meta": {"Id": 12345678901234567890}}');
    const outcome = await upload(['--url', PM, '--config-key', 'cfg', '--dir', dir]);
    expect(outcome.code).toBe(1);
    expect(scope.isDone()).toBe(true);
    expect(outcome.err[0]).toMatch(/field Meta\.Id holds an integer too large to round-trip/);
  });

  it('a missing built script: exit 1 before any request, pointing at build', async () => {
    rmSync(join(dir, 'pi_policy.js'));
    const outcome = await upload(['--url', PM, '--pi-policy-key', 'pi', '--dir', dir]);
    expect(outcome.code).toBe(1);
    expect(outcome.err[0]).toMatch(/pi_policy\.js not found: run "pi-akana build" first, or point --dir/);
  });

  it('a config.js that does not validate: exit 1 before any request, naming the variable and the fix', async () => {
    // Ping's misspelled secondary with only its service set: the other three secondary_ variables are missing.
    writeFileSync(join(dir, 'config.js'), `${CONFIG_JS}var secondry_ase_service = "{ns}second";\n`);
    const outcome = await upload(['--url', PM, '--config-key', 'cfg', '--dir', dir]);
    expect(outcome.code).toBe(1);
    expect(outcome.out).toEqual([]);
    expect(outcome.err[0]).toMatch(/config\.js does not validate/);
    expect(outcome.err[0]).toMatch(/secondary_ase_interface: /);
    expect(outcome.err[0]).toMatch(/pi-akana build --config/);
    noSecrets(outcome);
  });
});

describe('upload over real loopback sockets', () => {
  const servers: Server[] = [];

  beforeAll(() => {
    nock.enableNetConnect('127.0.0.1');
  });

  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    nock.disableNetConnect();
  });

  async function listen(server: Server): Promise<number> {
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return (server.address() as AddressInfo).port;
  }

  // nock 15 has no delayConnection, and its .delay() only holds the body, which undici cannot abort
  // cleanly under the interceptor: a real server that never answers gives the timeout instead.
  it('timeout: names the limit when Policy Manager does not answer', async () => {
    const port = await listen(createHttpServer(() => undefined));
    const outcome = await upload(['--url', `http://127.0.0.1:${port}`, '--config-key', 'cfg', '--dir', dir, '--timeout', '150']);
    expect(outcome.code).toBe(1);
    expect(outcome.err).toEqual([
      `upload: no answer from http://127.0.0.1:${port} within 150 ms (--timeout 150): is Policy Manager up and reachable, or does it need a longer --timeout?`
    ]);
  });

  it.skipIf(!hasOpenssl())('TLS with an unknown CA suggests --ca, and --ca makes it work', async () => {
    const tls = makeSelfSignedCert();
    const port = await listen(
      createHttpsServer({ key: tls.key, cert: tls.cert }, (req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(scriptObject('cfg', CONFIG_JS)));
      })
    );
    const url = `https://127.0.0.1:${port}`;
    const untrusted = await upload(['--url', url, '--config-key', 'cfg', '--dir', dir]);
    expect(untrusted.code).toBe(1);
    expect(untrusted.err[0]).toMatch(
      /^upload: TLS: the certificate of 127\.0\.0\.1:\d+ is not signed by a CA this machine trusts \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\): pass the CA certificate \(PEM\) that signed it with --ca FILE$/
    );
    const caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, tls.cert);
    const trusted = await upload(['--url', url, '--config-key', 'cfg', '--dir', dir, '--ca', caFile]);
    expect(trusted.err).toEqual([]);
    expect(trusted.code).toBe(0);
    expect(trusted.out.at(-1)).toBe('nothing to do: every script already has this content');
  });

  it('--ca must be a PEM certificate', async () => {
    const caFile = join(dir, 'ca.txt');
    writeFileSync(caFile, 'not a certificate');
    const outcome = await upload(['--url', PM, '--config-key', 'cfg', '--dir', dir, '--ca', caFile]);
    expect(outcome.code).toBe(1);
    expect(outcome.err[0]).toMatch(/holds no PEM certificate/);
  });
});
