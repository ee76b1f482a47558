// Entry point of the ASE stand-in (Node only): the server plus its pure pieces, for tests, CLI and benchmarks.
export { startAseStandin } from './server';
export { decideAnswer, parseBodyLoosely, zodReason } from '../node/ase-contract/answer';
export type { Answer, AnswerConfig, IncomingCall } from '../node/ase-contract/answer';
export { findDenied } from '../node/ase-contract/deny-match';
export { isKnownApi } from '../node/ase-contract/known-api';
export { FAULT_MODES, normaliseFault } from './fault';
export type { AseStandin, ApiKeyEntry, DenyLists, Fault, FaultMode, KnownApi, RecordedCall, StandinLoad, StandinOptions } from './types';
