// healthCheck on the Node host: a down node is probed with GET /ase in the background, and taken back when it answers (Node).
//
// Without it, the first API call after a node's retryAfterMs window probes it and, for a black-holed
// node, pays the attempt timeout once per window. With it, each node marked down gets one GET /ase
// (ASE's health URL, enable_ase_health=true) timed to end before its window does: a failed probe
// renews the window, so no API call ever waits on a dead node; an answer ends the window at once.

import type { AseNode, PolicyConfig } from '../policies/core/config-types';
import type { HealthStore, PolicyLogger } from '../policies/core/host';
import { Codes } from '../policies/core/errors';
import type { UndiciTransport } from './undici-transport';

/** The probe starts this long before the window ends, beyond its own timeout, to be done in time. */
const PROBE_LEAD_MS = 50;

export interface ProbedHealth extends HealthStore {
  /** Stops every probe timer. */
  close(): void;
}

/** `base` with a background probe per node marked down (config.healthCheck). */
export function probedHealth(base: HealthStore, config: PolicyConfig, transport: UndiciTransport, log: PolicyLogger, now: () => number): ProbedHealth {
  const nodes = new Map<string, AseNode>(config.nodes.map((node) => [node.name, node]));
  const timers = new Map<string, NodeJS.Timeout>();
  const probing = new Set<string>();
  let closed = false;

  function schedule(name: string): void {
    if (closed || timers.has(name) || probing.has(name) || !nodes.has(name)) return;
    const delay = Math.max(0, base.getDownUntil(name) - now() - config.attemptTimeoutMs - PROBE_LEAD_MS);
    // A probe never rejects (the transport resolves every failure); the catch is for bugs, never a crash.
    const timer = setTimeout(() => void probe(name).catch(() => undefined), delay);
    timer.unref();
    timers.set(name, timer);
  }

  async function probe(name: string): Promise<void> {
    timers.delete(name);
    const node = nodes.get(name) as AseNode;
    // Back already (an API call found it answering), or shutting down: nothing to do.
    if (closed || base.getDownUntil(name) === 0) return;
    probing.add(name);
    let result;
    try {
      result = await transport.probe(node, config.attemptTimeoutMs);
    } finally {
      probing.delete(name);
    }
    if (closed) return;
    if (result.kind === 'status') {
      base.setDownUntil(name, 0);
      const note = result.status === 200 ? '' : ' (not 200: is enable_ase_health=true in its ase.conf? It answers HTTP, so it is up)';
      log.warn(Codes.HEALTH + ': ASE node ' + name + ' answered GET /ase with ' + result.status + note + ': it takes calls again (healthCheck)');
      return;
    }
    log.debug(Codes.HEALTH + ': ASE node ' + name + ' still down: GET /ase ' + result.code + ' (' + result.detail + '); skipped for ' + config.retryAfterMs + ' ms more');
    base.setDownUntil(name, now() + config.retryAfterMs);
    schedule(name);
  }

  return {
    getDownUntil: (name) => base.getDownUntil(name),
    setDownUntil(name, epochMs) {
      base.setDownUntil(name, epochMs);
      if (epochMs > now()) schedule(name);
    },
    firstTime: (key) => base.firstTime(key),
    readNumber: (key) => base.readNumber(key),
    writeNumber: (key, value) => base.writeNumber(key, value),
    close() {
      closed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    }
  };
}
