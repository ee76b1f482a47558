// Reads the script variables Akana binds and config.js defines, each guarded by typeof (ES5 engine: Rhino).
//
// Akana evaluates config.js (an imported script) and the policy in one scope and binds messageContext,
// result, auditLog, systemLog and msgrService. A missing variable must read as absent, never become a
// ReferenceError thrown into the gateway.

import type { AkanaConfigVariables } from './config-js';

declare var messageContext: unknown, result: unknown, auditLog: unknown, systemLog: unknown, msgrService: unknown;
declare var ase_token: unknown, pi_options: unknown;
declare var primary_ase_service: unknown, primary_ase_interface: unknown, primary_ase_request_operation: unknown, primary_ase_response_operation: unknown;
declare var secondary_ase_service: unknown, secondry_ase_service: unknown, secondary_ase_interface: unknown, secondary_ase_request_operation: unknown, secondary_ase_response_operation: unknown;

/** The script variables Akana binds for an operational script policy (null when absent). */
export interface AkanaBindings {
  messageContext: any;
  result: any;
  auditLog: any;
  systemLog: any;
  msgrService: any;
}

export function readAkanaBindings(): AkanaBindings {
  return {
    messageContext: typeof messageContext === 'undefined' ? null : messageContext,
    result: typeof result === 'undefined' ? null : result,
    auditLog: typeof auditLog === 'undefined' ? null : auditLog,
    systemLog: typeof systemLog === 'undefined' ? null : systemLog,
    msgrService: typeof msgrService === 'undefined' ? null : msgrService
  };
}

/** Every config.js variable the field table names (the type makes a missing one a compile error). */
export function readAkanaConfigGlobals(): AkanaConfigVariables {
  return {
    ase_token: typeof ase_token === 'undefined' ? undefined : ase_token,
    primary_ase_service: typeof primary_ase_service === 'undefined' ? undefined : primary_ase_service,
    primary_ase_interface: typeof primary_ase_interface === 'undefined' ? undefined : primary_ase_interface,
    primary_ase_request_operation: typeof primary_ase_request_operation === 'undefined' ? undefined : primary_ase_request_operation,
    primary_ase_response_operation: typeof primary_ase_response_operation === 'undefined' ? undefined : primary_ase_response_operation,
    secondary_ase_service: typeof secondary_ase_service === 'undefined' ? undefined : secondary_ase_service,
    secondry_ase_service: typeof secondry_ase_service === 'undefined' ? undefined : secondry_ase_service,
    secondary_ase_interface: typeof secondary_ase_interface === 'undefined' ? undefined : secondary_ase_interface,
    secondary_ase_request_operation: typeof secondary_ase_request_operation === 'undefined' ? undefined : secondary_ase_request_operation,
    secondary_ase_response_operation: typeof secondary_ase_response_operation === 'undefined' ? undefined : secondary_ase_response_operation,
    pi_options: typeof pi_options === 'undefined' ? undefined : pi_options
  };
}
