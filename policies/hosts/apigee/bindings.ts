// Reads the objects Apigee puts in a Javascript policy's scope and the variables pi-config.js defines, each guarded by typeof (ES5 engine: Rhino).

import type { ApigeeSettings } from './config';

declare var context: unknown, httpClient: unknown, Request: unknown, print: unknown;
declare var pi_config: unknown, pi_apigee: unknown;

/** What the script's scope offers (null when absent). */
export interface ApigeeBindings {
  context: any;
  httpClient: any;
  Request: any;
  print: any;
}

export function readApigeeBindings(): ApigeeBindings {
  return {
    context: typeof context === 'undefined' ? null : context,
    httpClient: typeof httpClient === 'undefined' ? null : httpClient,
    Request: typeof Request === 'undefined' ? null : Request,
    print: typeof print === 'undefined' ? null : print
  };
}

export function readApigeeSettings(): ApigeeSettings {
  return {
    config: typeof pi_config === 'undefined' ? undefined : pi_config,
    apigee: typeof pi_apigee === 'undefined' ? undefined : pi_apigee
  };
}
