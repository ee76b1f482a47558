// Validates and normalises a stand-in Fault, and names its wire effects (Node only).
import type { Fault, FaultMode } from './types';

export interface NormalFault {
  mode: FaultMode;
  delayMs: number;
  status: number;
}

const MODES: ReadonlyArray<FaultMode> = ['none', 'refuse', 'reset', 'status', 'garbage', 'hang'];

/** Non-HTTP bytes for mode `garbage`: starts with neither 'HTTP/' nor anything a parser could accept. */
export const GARBAGE = Buffer.from('\u0000\u0015\u0003 this is not HTTP \u00ff\r\n\r\n', 'latin1');

/** Throws a TypeError naming the bad field, so a typo in a test fails loudly instead of silently answering 200. */
export function normaliseFault(fault: Fault | undefined): NormalFault {
  const mode = fault?.mode ?? 'none';
  if (!MODES.includes(mode)) throw new TypeError(`fault.mode must be one of ${MODES.join(', ')}; got ${String(mode)}`);
  const delayMs = fault?.delayMs ?? 0;
  if (!Number.isFinite(delayMs) || delayMs < 0) throw new TypeError(`fault.delayMs must be a number >= 0; got ${String(delayMs)}`);
  const status = fault?.status ?? 500;
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    throw new TypeError(`fault.status must be an integer HTTP status 100-599; got ${String(status)}`);
  }
  return { mode, delayMs, status };
}
