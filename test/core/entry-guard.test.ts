// Tests (Node) of the core's entry guard: results pass through, a throw is one POLICY_INTERNAL line and the fallback.
import { describe, expect, it } from 'vitest';
import { guardEntry, internalDecision } from '../../policies/core/entry-guard';
import { Codes } from '../../policies/core/errors';
import { recordingLogger } from '../node/recording-logger';

describe('guardEntry', () => {
  it('returns what the entry returns, handing it both inputs and the logger, and logs nothing', () => {
    const log = recordingLogger();
    const result = guardEntry('entry', log, (a: number, b: string, given) => (given === log ? `${a}${b}` : 'wrong logger'), 4, 'x', 'fallback');
    expect(result).toBe('4x');
    expect(log.lines).toEqual([]);
  });

  it('turns a throw into the fallback and exactly one POLICY_INTERNAL error line naming the entry', () => {
    const log = recordingLogger();
    const result = guardEntry('pi_policy', log, () => {
      throw new TypeError('boom');
    }, null, null, 'fallback');
    expect(result).toBe('fallback');
    expect(log.lines).toEqual([{ level: 'error', message: 'POLICY_INTERNAL: pi_policy failed (TypeError: boom); call forwarded' }]);
  });

  it('never throws, even when the logger and the error do', () => {
    const hostile = { get message(): string { throw new Error('no message'); } };
    const broken = { debug: () => {}, warn: () => {}, error: () => { throw new Error('logger down'); } };
    expect(guardEntry('entry', broken, () => { throw hostile; }, null, null, 7)).toBe(7);
  });
});

describe('internalDecision', () => {
  it('forwards the call with POLICY_INTERNAL and the same line', () => {
    expect(internalDecision('checkRequest', new Error('bad'))).toEqual({
      verdict: 'allow', clientStatus: 0, code: Codes.INTERNAL, node: '', aseStatus: 0, attempts: 0,
      log: { level: 'error', message: 'POLICY_INTERNAL: checkRequest failed (Error: bad); call forwarded' }
    });
  });
});
