// One line everywhere (issue 14, finding 4): oneLine, the loggers of both hosts, and response_status sent to ASE (Node, vitest).
import { describe, expect, it } from 'vitest';
import { oneLine } from '../../policies/core/one-line';
import { buildResponseBody } from '../../policies/core/ase-payload';
import { countForReport, REPORT_WINDOW_MS, takeUnreported, totalCounted } from '../../policies/core/report-window';
import { memoryHealthStore } from '../../policies/core/memory-health';
import { akanaLogger } from '../../policies/hosts/akana/services';
import { guardedLogger } from '../../node/logger';
import { makeResponse } from './fixtures';

const OPENSSL = 'Error: 80AC41A8167F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:ssl3_record.c:350:\n';

describe('oneLine', () => {
  it.each([
    ['CR LF', 'a\r\nb', 'a b'],
    ['a trailing newline (OpenSSL)', OPENSSL, OPENSSL.replace('\n', ' ')],
    ['tab, NUL, bell, DEL', 'a\tb\u0000c\u0007d\u007fe', 'a b c d e'],
    ['C1 controls and U+2028/2029', 'a\u0085b\u2028c\u2029d', 'a b c d'],
    ['a run of them is one space', 'a\r\n\r\n\tb', 'a b']
  ])('%s', (_name, text, want) => {
    expect(oneLine(text)).toBe(want);
  });

  it('leaves ordinary text, non-ASCII included, as it is (the same string)', () => {
    const text = 'ASE_TIMEOUT: primary (no answer within 500 ms) — ünïcode';
    expect(oneLine(text)).toBe(text);
  });
});

describe('every log line is one line, on both hosts', () => {
  it('the Node host logger', () => {
    const got: string[] = [];
    const log = guardedLogger({ debug: (m) => got.push(m), warn: (m) => got.push(m), error: (m) => got.push(m) });
    log.error(`ASE_UNAVAILABLE: primary: ASE_TLS (${OPENSSL})`);
    log.warn('x\r\nASE_BLOCKED: forged');
    expect(got).toEqual([`ASE_UNAVAILABLE: primary: ASE_TLS (${OPENSSL.replace('\n', ' ')})`, 'x ASE_BLOCKED: forged']);
  });

  it('the Akana host logger (over systemLog)', () => {
    const got: string[] = [];
    const log = akanaLogger({ warn: (m: string) => got.push(m), error: (m: string) => got.push(m), debug: (m: string) => got.push(m), isDebugEnabled: () => true });
    log.error('POLICY_INTERNAL: step failed (java.io.IOException: first\nsecond); call forwarded');
    expect(got).toEqual(['PingIntelligence: POLICY_INTERNAL: step failed (java.io.IOException: first second); call forwarded']);
  });
});

describe('response_status sent to ASE is one line', () => {
  it('a backend reason phrase with CR/LF', () => {
    expect(buildResponseBody(makeResponse({ reason: 'OK\r\nX-Evil: 1' })).response_status).toBe('OK X-Evil: 1');
  });

  it('a reason that is only control characters falls back to the standard phrase', () => {
    expect(buildResponseBody(makeResponse({ status: 404, reason: '\r\n' })).response_status).toBe('Not Found');
  });
});

describe('report windows', () => {
  it('the first event reports at once, the rest of the window is counted, the next window reports the count', () => {
    const store = memoryHealthStore();
    expect(countForReport(store, 'k', 1000)).toBe(1);
    expect(countForReport(store, 'k', 2000)).toBe(0);
    expect(countForReport(store, 'k', 3000)).toBe(0);
    expect(countForReport(store, 'k', 1000 + REPORT_WINDOW_MS)).toBe(3);
    expect(countForReport(store, 'k', 1001 + REPORT_WINDOW_MS)).toBe(0);
    expect(takeUnreported(store, 'k')).toBe(1);
    expect(takeUnreported(store, 'k')).toBe(0);
    expect(totalCounted(store, 'k')).toBe(5);
  });

  it('a clock that went back starts a new window rather than going silent', () => {
    const store = memoryHealthStore();
    expect(countForReport(store, 'k', 5000)).toBe(1);
    expect(countForReport(store, 'k', 4000)).toBe(1);
  });
});
