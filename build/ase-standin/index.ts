// Entry point of the ASE stand-in (Node only): the server plus its pure pieces, for tests, CLI and benchmarks.
export { startAseStandin } from './server';
export { decideAnswer, parseBodyLoosely, zodReason } from './answer';
export type { Answer, AnswerConfig, IncomingCall } from './answer';
export { findDenied } from './deny-match';
export { isKnownApi } from './known-api';
export { normaliseFault } from './fault';
export type { AseStandin, ApiKeyEntry, DenyLists, Fault, FaultMode, KnownApi, RecordedCall, StandinOptions } from './types';
