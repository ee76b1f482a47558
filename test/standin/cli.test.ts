// The `ase-standin` command (Node): flag parsing, its per-call log lines, and stopping on SIGTERM in a real process.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import command, { parseStandinArgs, run } from '../../cli/commands/ase-standin';
import { post, requestBody } from './standin-client';

describe('ase-standin flags', () => {
  it('has the command shape the dispatcher routes to', () => {
    expect(command.name).toBe('ase-standin');
    expect(command.summary).toMatch(/stand-in/);
    expect(command.usage).toContain('--deny-api-key H=V');
    expect(typeof command.run).toBe('function');
  });

  it('maps every flag onto StandinOptions (repeatable ones included)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ase-standin-cli-'));
    try {
      writeFileSync(join(dir, 'k.pem'), 'KEY');
      writeFileSync(join(dir, 'c.pem'), 'CERT');
      const parsed = parseStandinArgs([
        '--port', '8000', '--host', '::1', '--token', 't0k', '--name', 'primary',
        '--deny-ip', '1.2.3.4', '--deny-ip', '::2', '--deny-token', 'jwt', '--deny-username', 'mallory',
        '--deny-cookie', 'sid=x', '--deny-api-key', 'X-API-Key=k=1', '--known-api', 'api.example.com/shop',
        '--known-api', '/any', '--tls-key', join(dir, 'k.pem'), '--tls-cert', join(dir, 'c.pem'),
        '--delay', '250', '--fault', 'status=502'
      ]);
      expect(parsed).toEqual({
        help: false,
        options: {
          port: 8000,
          host: '::1',
          token: 't0k',
          name: 'primary',
          deny: { ips: ['1.2.3.4', '::2'], tokens: ['jwt'], usernames: ['mallory'], cookies: ['sid=x'], apiKeys: [{ header: 'x-api-key', value: 'k=1' }] },
          knownApis: [{ host: 'api.example.com', pathPrefix: '/shop' }, { pathPrefix: '/any' }],
          tls: { key: Buffer.from('KEY'), cert: Buffer.from('CERT') },
          faults: { delayMs: 250, mode: 'status', status: 502 }
        }
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('defaults to an ephemeral loopback port, no token, no fault', () => {
    const parsed = parseStandinArgs([]);
    expect(parsed).toMatchObject({ help: false, options: { port: 0, host: '127.0.0.1', token: '' } });
    expect(parsed.help === false && parsed.options.faults).toBeUndefined();
    expect(parsed.help === false && parsed.options.knownApis).toBeUndefined();
    expect(parseStandinArgs(['-h'])).toEqual({ help: true });
  });

  it.each([
    [['--port', '70000'], '--port must be an integer 0-65535'],
    [['--delay=-5'], '--delay must be an integer'],
    [['--delay', '1.5'], '--delay must be an integer'],
    [['--fault', 'explode'], '--fault must be none, refuse, reset, garbage, hang, stall-headers, stall-body, slow-drip, huge or status=NNN'],
    [['--fault', 'status'], '--fault must be none, refuse, reset'],
    [['--fault', 'status=99'], '--fault status must be an integer 100-599'],
    [['--known-api', 'api.example.com'], '--known-api takes [HOST]/PATH-PREFIX'],
    [['--tls-key', 'k.pem'], '--tls-key and --tls-cert go together'],
    [['--bogus'], "Unknown option '--bogus'"]
  ])('rejects %j with a message naming the flag', async (argv, message) => {
    const errors: string[] = [];
    expect(await run(argv, { err: (line) => errors.push(line), out: () => undefined })).toBe(2);
    expect(errors.join('\n')).toContain(message);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('(run "pi-akana ase-standin --help" for the options)');
  });

  it('never echoes a secret API-key value in its error', () => {
    expect(() => parseStandinArgs(['--deny-api-key', 'no-equals-secret'])).toThrow(/^--deny-api-key takes HEADER=VALUE[^s]*$/);
  });
});

describe('ase-standin run', () => {
  it('prints where it listens, one line per call, and stops when told', async () => {
    const lines: string[] = [];
    const stop = new AbortController();
    let announce: (url: string) => void = () => undefined;
    const listening = new Promise<string>((resolve) => (announce = resolve));
    const finished = run(['--deny-ip', '198.51.100.9', '--token', 'sekret', '--known-api', '/shop'], {
      out: (line) => {
        lines.push(line);
        const url = /listening on (\S+)/.exec(line);
        if (url) announce(url[1]);
      },
      stop: stop.signal
    });
    const url = await Promise.race([listening, finished.then((code) => Promise.reject(new Error(`run ended early with ${code}`)))]);
    expect((await post(url, '/ase/request', { headers: { 'ase-token': 'sekret' } })).status).toBe(200);
    expect((await post(url, '/ase/request', { headers: { 'ase-token': 'sekret' }, body: requestBody({ source_ip: '198.51.100.9' }) })).status).toBe(403);
    expect((await post(url, '/ase/request', { headers: { 'ase-token': 'sekret' }, body: requestBody({ url: '/bank' }) })).status).toBe(503);
    expect((await post(url, '/ase/request')).status).toBe(401);
    stop.abort();
    expect(await finished).toBe(0);
    expect(lines).toEqual([
      expect.stringMatching(/^ase-standin listening on http:\/\/127\.0\.0\.1:\d+ \(token check on, 1 known api\(s\), no fault\)$/),
      'POST /ase/request -> 200 allowed',
      'POST /ase/request -> 403 denied ip 198.51.100.9',
      'POST /ase/request -> 503 unknown api',
      'POST /ase/request -> 401 bad token (none sent)',
      'ase-standin stopped after 4 call(s)'
    ]);
    expect(lines.join('\n')).not.toContain('sekret');
  });

  it('runs as a process until SIGTERM, then exits 0', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e',
        "import { run } from './cli/commands/ase-standin.ts'; process.exitCode = await run(process.argv.slice(1));",
        '--', '--fault', 'status=503'],
      { cwd: join(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] }
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const found = /listening on (\S+)/.exec(stdout);
        if (found) resolve(found[1]);
      });
      child.once('exit', () => reject(new Error(`ase-standin exited early: ${stderr}`)));
    });
    expect((await post(url, '/ase/request')).status).toBe(503);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('POST /ase/request -> 503 fault');
    expect(stdout).toContain('stopped after 1 call(s)');
  });
});
