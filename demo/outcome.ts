// What happened to each demo call, as either host reports it, and the policy's own failover trail (Node).
import type { DemoCall } from './traffic';

/** One sideband phase (/ase/request or /ase/response) of one call. */
export interface PhaseOutcome {
  /** The node that answered; '' when none did. */
  node: string;
  /** ASE's HTTP status; 0 when no node answered. */
  aseStatus: number;
  /** The policy's time for this phase in ms (Rhino: the harness step's wall time; Node: the awaited call). */
  ms: number;
  /** Time spent in the sends to ASE, ms, where the host reports it (the fake Akana Messenger does). */
  sendMs?: number;
  /** Nodes that failed at the transport level in this phase, with the policy's code (e.g. ASE_REFUSED). */
  failed: Array<{ node: string; code: string }>;
  /** Nodes the policy skipped because they were marked down. */
  skipped: string[];
}

export interface CallOutcome {
  /** 1-based call number. */
  index: number;
  step: DemoCall;
  blocked: boolean;
  /** What the client got from the gateway: 403 when blocked, else the backend's status. */
  clientStatus: number;
  request: PhaseOutcome;
  /** Present when the call was forwarded and the response phase ran. */
  response?: PhaseOutcome;
}

export interface HostRun {
  /** e.g. "Rhino 1.7.14 on Java 17.0.12 (fake Akana host, profile akana-1.7R4)". */
  engine: string;
  outcomes: CallOutcome[];
  /** One line on how the primary was stopped mid-run. */
  stopNote: string;
  /** What the policy ms figures measure. */
  latencyNote: string;
}

/**
 * The failover trail from the policy's log lines: "… after primary: ASE_REFUSED (…), skipped for 30000 ms"
 * and "primary: skipped, down for 29950 ms more". Lines never hold secrets; only node names and codes are taken.
 */
export function trailOf(lines: string[]): { failed: PhaseOutcome['failed']; skipped: string[] } {
  const failed: PhaseOutcome['failed'] = [];
  const skipped: string[] = [];
  for (const line of lines) {
    for (const m of line.matchAll(/(?:^|[\s;(])([a-z][\w.-]*): (ASE_[A-Z0-9_]+) \(/g)) {
      if (!failed.some((f) => f.node === m[1] && f.code === m[2])) failed.push({ node: m[1], code: m[2] });
    }
    for (const m of line.matchAll(/(?:^|[\s;(])([a-z][\w.-]*): skipped, down for /g)) {
      if (!skipped.includes(m[1])) skipped.push(m[1]);
    }
  }
  return { failed, skipped };
}
