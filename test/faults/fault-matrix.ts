// The fault matrix shared by both hosts: each fault of ASE, what each mode must do with it, and the checks every log line must pass (Node, tests).
import { expect } from 'vitest';
import type { ApiCall } from '../../policies/core/api-call';
import { Codes, type Code } from '../../policies/core/errors';
import type { Fault } from '../../standin/index';
import { makeCall } from '../core/fixtures';

/** The modes every fault runs in. async: detect-only (decided at once, ASE's answer only logged). */
export type Mode = 'sync' | 'failClosed' | 'async';
export const MODES: Mode[] = ['sync', 'failClosed', 'async'];

/**
 * The suite's timeouts. A fault that never answers runs out its timeout, so those cases get small ones
 * (the matrix stays quick); a fault that does answer gets patient ones, which only a machine too
 * loaded to answer in time would reach (they make the case robust, not slow); a body that stalls
 * after the status costs its attempt timeout in the background, so those get a middle one. On Node
 * they are the config's; on Akana the route's container socket timeouts play the attempt's part.
 */
export type Patience = 'quick' | 'body' | 'patient';
export const TIMEOUTS: Record<Patience, { connectTimeoutMs: number; attemptTimeoutMs: number; callBudgetMs: number; retryAfterMs: number }> = {
  quick: { connectTimeoutMs: 1000, attemptTimeoutMs: 250, callBudgetMs: 600, retryAfterMs: 30000 },
  body: { connectTimeoutMs: 1000, attemptTimeoutMs: 800, callBudgetMs: 1600, retryAfterMs: 30000 },
  patient: { connectTimeoutMs: 2000, attemptTimeoutMs: 3000, callBudgetMs: 6000, retryAfterMs: 30000 }
};
/** Generous: a loaded 2-core machine running other suites. A call must end within its bound plus this. */
export const MARGIN_MS = 4000;

/** Secrets the suite's calls carry: none may ever appear in a log line. */
export const SECRETS = {
  token: 'faultsuitesidebandtoken000000001',
  bearer: 'fault-secret-bearer-7f3a',
  cookie: 'fault-secret-cookie-91bd',
  apiKey: 'fault-secret-apikey-c2e8'
};

/** The call every case sends: a token, a cookie and an API key on it. */
export function secretCall(): ApiCall {
  return makeCall({
    correlationId: '',
    request: {
      headers: [
        { name: 'Host', value: 'api.example.com' },
        { name: 'Authorization', value: `Bearer ${SECRETS.bearer}` },
        { name: 'Cookie', value: `session=${SECRETS.cookie}` },
        { name: 'X-Api-Key', value: SECRETS.apiKey }
      ]
    }
  });
}

/** The headers of secretCall, as Akana presents them. */
export const SECRET_HEADERS: Array<[string, string]> = [
  ['Host', 'api.example.com'],
  ['Authorization', `Bearer ${SECRETS.bearer}`],
  ['Cookie', `session=${SECRETS.cookie}`],
  ['X-Api-Key', SECRETS.apiKey]
];

/** What one fault must produce in one mode. */
export interface Outcome {
  verdict: 'allow' | 'block';
  /** The decision's code (async: the background decision's; the call itself is ASE_ASYNC). */
  code: Code;
  /** The one warn/error line: its code and what it says; null when the outcome is only a debug line. */
  line: { code: Code; contains: string[] } | null;
}

/** How each host produces the fault; null where it cannot (the reason is in `note`). */
export type NodeSetup = { standin: Fault } | { special: 'tls-to-plain' | 'untrusted-cert' | 'client-cert-rejected' };
export type AkanaSetup = { standin: Fault } | { special: 'refused' | 'tls-to-plain' | 'untrusted-cert' };

export interface FaultCase {
  name: string;
  patience: Patience;
  node: NodeSetup | null;
  akana: AkanaSetup | null;
  /** Per host where they differ (Akana's container reads ASE's body itself: a stalled body is its read timeout). */
  outcome: { node: Record<Mode, Outcome>; akana: Record<Mode, Outcome> };
}

const unavailable = (trail: string, accepted = false): Record<Mode, Outcome> => {
  const contains = [`primary: ${trail}`, accepted ? 'no ASE node accepted' : 'no ASE node answered'];
  return {
    sync: { verdict: 'allow', code: Codes.UNAVAILABLE, line: { code: Codes.UNAVAILABLE, contains: [...contains, 'call forwarded (fail-open)'] } },
    failClosed: { verdict: 'block', code: Codes.UNAVAILABLE, line: { code: Codes.UNAVAILABLE, contains: [...contains, 'client answered 503 (failClosed)'] } },
    async: { verdict: 'allow', code: Codes.UNAVAILABLE, line: { code: Codes.UNAVAILABLE, contains: [...contains, 'call forwarded (fail-open)'] } }
  };
};

const answered = (code: Code, contains: string[]): Record<Mode, Outcome> => {
  const outcome: Outcome = { verdict: 'allow', code, line: { code, contains } };
  return { sync: outcome, failClosed: outcome, async: outcome };
};

/** Allowed on the status, the body's misbehaviour in one ASE_BODY line (Node). */
const bodyFault = (what: string): Record<Mode, Outcome> => {
  const outcome: Outcome = {
    verdict: 'allow',
    code: Codes.ALLOWED,
    line: { code: Codes.BODY, contains: ['ASE node primary answered 200 to /ase/request, then its answer body ' + what, 'connection was dropped'] }
  };
  return { sync: outcome, failClosed: outcome, async: outcome };
};

const allowedQuietly: Record<Mode, Outcome> = {
  sync: { verdict: 'allow', code: Codes.ALLOWED, line: null },
  failClosed: { verdict: 'allow', code: Codes.ALLOWED, line: null },
  async: { verdict: 'allow', code: Codes.ALLOWED, line: null }
};

const same = (outcome: Record<Mode, Outcome>) => ({ node: outcome, akana: outcome });

export const FAULT_CASES: FaultCase[] = [
  { name: 'refused', patience: 'patient', node: { standin: { mode: 'refuse' } }, akana: { special: 'refused' }, outcome: same(unavailable(Codes.REFUSED)) },
  // Accepts the connection, reads the call, never answers.
  { name: 'black-holed', patience: 'quick', node: { standin: { mode: 'hang' } }, akana: { standin: { mode: 'hang' } }, outcome: same(unavailable(Codes.TIMEOUT)) },
  { name: 'stalled headers', patience: 'quick', node: { standin: { mode: 'stall-headers' } }, akana: { standin: { mode: 'stall-headers' } }, outcome: same(unavailable(Codes.TIMEOUT)) },
  {
    name: 'stalled body after the status',
    patience: 'body',
    node: { standin: { mode: 'stall-body' } },
    akana: { standin: { mode: 'stall-body' } },
    outcome: { node: bodyFault('stalled'), akana: unavailable(Codes.TIMEOUT) }
  },
  {
    name: 'slow drip (one body byte a second)',
    patience: 'body',
    node: { standin: { mode: 'slow-drip', delayMs: 1000 } },
    akana: { standin: { mode: 'slow-drip', delayMs: 1000 } },
    outcome: { node: bodyFault('stalled'), akana: unavailable(Codes.TIMEOUT) }
  },
  { name: 'reset', patience: 'patient', node: { standin: { mode: 'reset' } }, akana: { standin: { mode: 'reset' } }, outcome: same(unavailable(Codes.RESET)) },
  { name: '400', patience: 'patient', node: { standin: { mode: 'status', status: 400 } }, akana: { standin: { mode: 'status', status: 400 } }, outcome: same(answered(Codes.STATUS_400, ['rejected the /ase/request body as malformed'])) },
  { name: '401', patience: 'patient', node: { standin: { mode: 'status', status: 401 } }, akana: { standin: { mode: 'status', status: 401 } }, outcome: same(answered(Codes.STATUS_401, ['refused the sideband token'])) },
  { name: '429', patience: 'patient', node: { standin: { mode: 'status', status: 429 } }, akana: { standin: { mode: 'status', status: 429 } }, outcome: same(unavailable(`${Codes.STATUS_OTHER} (429)`, true)) },
  { name: '500', patience: 'patient', node: { standin: { mode: 'status', status: 500 } }, akana: { standin: { mode: 'status', status: 500 } }, outcome: same(unavailable(`${Codes.STATUS_OTHER} (500)`, true)) },
  {
    name: '503',
    patience: 'patient',
    node: { standin: { mode: 'status', status: 503 } },
    akana: { standin: { mode: 'status', status: 503 } },
    outcome: same(answered(Codes.STATUS_503, ['unknown API', 'unknown host name']))
  },
  { name: 'garbage', patience: 'patient', node: { standin: { mode: 'garbage' } }, akana: { standin: { mode: 'garbage' } }, outcome: same(unavailable(Codes.TRANSPORT)) },
  {
    name: 'huge answer (10 MB)',
    patience: 'patient',
    node: { standin: { mode: 'huge' } },
    akana: { standin: { mode: 'huge' } },
    // Akana's container reads the whole answer itself before the script sees the status.
    outcome: { node: bodyFault('ran past 64 KB'), akana: allowedQuietly }
  },
  { name: 'TLS spoken to a plain HTTP port', patience: 'patient', node: { special: 'tls-to-plain' }, akana: { special: 'tls-to-plain' }, outcome: same(unavailable(Codes.TLS)) },
  { name: 'certificate from an unknown CA', patience: 'patient', node: { special: 'untrusted-cert' }, akana: { special: 'untrusted-cert' }, outcome: same(unavailable(Codes.TLS)) },
  {
    name: 'client certificate rejected (mTLS)',
    patience: 'patient',
    node: { special: 'client-cert-rejected' },
    // On Akana the container presents the client certificate (its API's TLS settings), not the script;
    // the fake's JVM, dropped by the server after the handshake, sees a broken write or a reset.
    akana: null,
    outcome: same(unavailable(Codes.TLS))
  }
];

export interface LoggedLine {
  level: 'debug' | 'warn' | 'error';
  text: string;
}

/** Every line the suite's policies wrote, for the closing one-line and no-secret checks. */
export const ALL_LINES: LoggedLine[] = [];

/** One line, without a raw control character, and no secret of the suite's calls or config. */
export function expectCleanLine(line: LoggedLine): void {
  expect(line.text, 'one line').not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  for (const secret of Object.values(SECRETS)) expect(line.text, `no secret in: ${line.text}`).not.toContain(secret);
}

/** The case's log: exactly one warn/error line with the expected code and words (or none, for a quiet allow). */
export function expectOneLine(lines: LoggedLine[], outcome: Outcome): void {
  const loud = lines.filter((line) => line.level !== 'debug');
  if (outcome.line === null) {
    expect(loud).toEqual([]);
    expect(lines.filter((line) => line.text.includes(outcome.code))).toHaveLength(1);
    return;
  }
  expect(loud.map((line) => line.text.split(':')[0]), loud.map((line) => line.text).join('\n')).toEqual([outcome.line.code]);
  for (const words of outcome.line.contains) expect(loud[0].text).toContain(words);
  for (const line of lines) expectCleanLine(line);
}

/**
 * The bound of one call: async never waits; a call without a usable answer ends within its budget;
 * one decided on a status within one attempt (a body that stalls after it never counts).
 */
export function boundMs(fault: FaultCase, outcome: Outcome, mode: Mode): number {
  if (mode === 'async') return MARGIN_MS;
  const t = TIMEOUTS[fault.patience];
  return (outcome.code === Codes.UNAVAILABLE ? t.callBudgetMs : t.attemptTimeoutMs) + MARGIN_MS;
}
