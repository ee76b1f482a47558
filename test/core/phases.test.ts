// Tests (Node) of the core's phase steps: correlation id, CLIENT_IP_UNKNOWN and NO_REQUEST_STATE skips, the one blocked answer.
import { describe, expect, it } from 'vitest';
import type { Randomness } from '../../policies/core/host';
import { beginRequest, beginResponse, clientAnswer } from '../../policies/core/phases';
import { passDecision, type Decision } from '../../policies/core/sideband';
import { Codes } from '../../policies/core/errors';
import { makeCall, makeConfig, makeResponse } from './fixtures';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function randomness(uuid: string, bytes: number[] = []): Randomness & { uuidCalls: number; byteCalls: number } {
  const source = {
    uuidCalls: 0,
    byteCalls: 0,
    uuid: () => {
      source.uuidCalls++;
      return uuid;
    },
    bytes: (count: number) => {
      source.byteCalls++;
      return bytes.slice(0, count);
    }
  };
  return source;
}

const header = (started: { message: { headers: Array<{ name: string; value: string }> } | null }, name: string) =>
  started.message?.headers.find((h) => h.name === name)?.value;

describe('beginRequest', () => {
  it("keeps the call's own correlation id and asks the host for none", () => {
    const source = randomness('11111111-1111-4111-8111-111111111111');
    const started = beginRequest(makeCall({ correlationId: 'given-id' }), makeConfig(), source, 'the peer');
    expect(started.correlationId).toBe('given-id');
    expect(started.skipped).toBeNull();
    expect(started.message?.path).toBe('/ase/request');
    expect(header(started, 'X-CorrelationID')).toBe('given-id');
    expect(source.uuidCalls + source.byteCalls).toBe(0);
  });

  it("draws the host's UUID for a call without one, without writing to the caller's call", () => {
    const call = makeCall({ correlationId: '' });
    const started = beginRequest(call, makeConfig(), randomness('22222222-2222-4222-8222-222222222222'), 'the peer');
    expect(started.correlationId).toBe('22222222-2222-4222-8222-222222222222');
    expect(header(started, 'X-CorrelationID')).toBe(started.correlationId);
    expect(call.correlationId).toBe('');
  });

  it("falls back to the core's generator over the host's bytes, then to Math.random", () => {
    const fromBytes = beginRequest(makeCall({ correlationId: '' }), makeConfig(), randomness('', new Array(16).fill(0)), 'the peer');
    expect(fromBytes.correlationId).toBe('00000000-0000-4000-8000-000000000000');
    const noSource = randomness('', []);
    const fromMath = beginRequest(makeCall({ correlationId: '' }), makeConfig(), noSource, 'the peer');
    expect(fromMath.correlationId).toMatch(UUID_V4);
    expect(noSource.byteCalls).toBe(1);
  });

  it('skips with CLIENT_IP_UNKNOWN, one warn line naming the host source (and X-Forwarded-For when trusted)', () => {
    const call = makeCall({ request: { peerAddress: 'not-an-ip', headers: [{ name: 'Host', value: 'a' }, { name: 'X-Forwarded-For', value: 'garbage' }] } });
    const trusted = beginRequest(call, makeConfig(), randomness(''), 'http.client.url');
    expect(trusted.message).toBeNull();
    expect(trusted.skipped).toMatchObject({ verdict: 'allow', clientStatus: 0, code: Codes.CLIENT_IP_UNKNOWN, node: '', attempts: 0 });
    expect(trusted.skipped?.log).toEqual({
      level: 'warn',
      message: 'CLIENT_IP_UNKNOWN: neither X-Forwarded-For nor http.client.url holds a valid client IP; no sideband call, call forwarded'
    });
    const untrusted = beginRequest(call, makeConfig({ trustForwardedFor: false }), randomness(''), 'the socket peer');
    expect(untrusted.skipped?.log?.message).toBe(
      'CLIENT_IP_UNKNOWN: the socket peer holds no valid client IP (X-Forwarded-For is not read: trustForwardedFor is false); no sideband call, call forwarded'
    );
  });
});

describe('beginResponse', () => {
  it('builds /ase/response with the request phase correlation id', () => {
    const started = beginResponse(makeResponse(), 'req-id', makeConfig(), 'the exchange');
    expect(started.skipped).toBeNull();
    expect(started.message?.path).toBe('/ase/response');
    expect(header(started, 'X-CorrelationID')).toBe('req-id');
  });

  it('skips with NO_REQUEST_STATE (debug) when the request phase left no id', () => {
    const started = beginResponse(makeResponse(), '', makeConfig(), 'pi.ase.correlation.id');
    expect(started.message).toBeNull();
    expect(started.skipped).toMatchObject({ verdict: 'allow', code: Codes.NO_REQUEST_STATE });
    expect(started.skipped?.log).toEqual({
      level: 'debug',
      message: 'NO_REQUEST_STATE: no correlation id in pi.ase.correlation.id (the request phase did not run or sent nothing); /ase/response skipped'
    });
  });
});

describe('clientAnswer', () => {
  const blocked = (clientStatus: number): Decision => ({ ...passDecision(Codes.BLOCKED, null), verdict: 'block', clientStatus });

  it('answers an ASE block with 403 forbidden, message and correlation id as JSON', () => {
    const answer = clientAnswer(blocked(403), 'id-1');
    expect(answer.status).toBe(403);
    expect(answer.contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(answer.body)).toEqual({ error: 'forbidden', message: 'The request was blocked by API security policy.', correlation_id: 'id-1' });
  });

  it('answers fail-closed with 503 service_unavailable', () => {
    const answer = clientAnswer({ ...blocked(503), code: Codes.UNAVAILABLE }, 'id-2');
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body)).toEqual({ error: 'service_unavailable', message: 'API security check unavailable; try again later.', correlation_id: 'id-2' });
  });
});
