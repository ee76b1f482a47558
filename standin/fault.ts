// Validates and normalises a stand-in Fault, and writes the wire effects of the faults that answer in part (Node only).
import type http from 'node:http';
import type { Fault, FaultMode } from './types';

export interface NormalFault {
  mode: FaultMode;
  delayMs: number;
  status: number;
}

export const FAULT_MODES: ReadonlyArray<FaultMode> = [
  'none', 'refuse', 'reset', 'status', 'garbage', 'hang', 'stall-headers', 'stall-body', 'slow-drip', 'huge'
];

/** Non-HTTP bytes for mode `garbage`: starts with neither 'HTTP/' nor anything a parser could accept. */
export const GARBAGE = Buffer.from('\u0000\u0015\u0003 this is not HTTP \u00ff\r\n\r\n', 'latin1');

/** What mode `stall-headers` writes before it stalls: a status line and half a header. */
export const HALF_HEADERS = Buffer.from('HTTP/1.1 200 OK\r\nContent-Ty', 'latin1');

/** The body size of mode `huge`: far past what any client should read of an ASE answer. */
export const HUGE_BODY_BYTES = 10 * 1024 * 1024;

/** Mode `slow-drip` writes one byte per delayMs, this one when delayMs is 0. */
export const DRIP_DEFAULT_MS = 1000;

/** Throws a TypeError naming the bad field, so a typo in a test fails loudly instead of silently answering 200. */
export function normaliseFault(fault: Fault | undefined): NormalFault {
  const mode = fault?.mode ?? 'none';
  if (!FAULT_MODES.includes(mode)) throw new TypeError(`fault.mode must be one of ${FAULT_MODES.join(', ')}; got ${String(mode)}`);
  const delayMs = fault?.delayMs ?? 0;
  if (!Number.isFinite(delayMs) || delayMs < 0) throw new TypeError(`fault.delayMs must be a number >= 0; got ${String(delayMs)}`);
  const status = fault?.status ?? 500;
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    throw new TypeError(`fault.status must be an integer HTTP status 100-599; got ${String(status)}`);
  }
  return { mode, delayMs, status };
}

/** Whether the mode sends the contract's status and headers, then misbehaves in the body. */
export function breaksTheBody(mode: FaultMode): boolean {
  return mode === 'stall-body' || mode === 'slow-drip' || mode === 'huge';
}

/**
 * The answer of a body-breaking mode, `status` and headers as ASE would send them, then:
 * `stall-body` half the body and nothing more; `slow-drip` the body one byte per delayMs;
 * `huge` 10 MB of body (written as the client reads it). `later` schedules on the stand-in's timers,
 * which close() clears; the socket stays open until the client or close() drops it.
 */
export function writeBrokenBody(res: http.ServerResponse, status: number, fault: NormalFault, later: (ms: number, action: () => void) => void): void {
  if (fault.mode === 'huge') {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': HUGE_BODY_BYTES });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let left = HUGE_BODY_BYTES;
    const pump = (): void => {
      while (left > 0 && !res.destroyed) {
        left -= chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) res.end();
    };
    pump();
    return;
  }
  const body = Buffer.from(JSON.stringify({ message: 'answer body of mode ' + fault.mode }));
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  if (fault.mode === 'stall-body') {
    res.write(body.subarray(0, body.length >> 1));
    return;
  }
  const interval = fault.delayMs > 0 ? fault.delayMs : DRIP_DEFAULT_MS;
  let sent = 0;
  const drip = (): void => {
    if (res.destroyed) return;
    res.write(body.subarray(sent, sent + 1));
    sent++;
    if (sent < body.length) later(interval, drip);
    else res.end();
  };
  drip();
}
