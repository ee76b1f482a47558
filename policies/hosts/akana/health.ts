// Node health kept across calls in JVM system properties, with an in-script fallback (ES5 engine: Rhino).
//
// Akana may evaluate the policy script afresh for every call, so script globals cannot hold "node X is
// down until T". java.lang.System properties live as long as the gateway's JVM and java.lang stays
// reachable under Akana's class-shutter allow list. Keys carry a prefix so tenants' nodes never clash.

import type { HealthStore } from '../../core/host';
import { jsInt, jsString } from './java-values';

declare var java: any;

var PREFIX = 'pi.ase.health.';

function javaSystem(): any {
  try {
    if (typeof java !== 'undefined' && java && java.lang && java.lang.System) return java.lang.System;
  } catch (e) {
    return null;
  }
  return null;
}

/** Health store over System properties; falls back to a plain object (per script evaluation) without Java. */
export function jvmHealthStore(scope: string): HealthStore {
  var system = javaSystem();
  var local: { [key: string]: string } = {};
  function read(key: string): string {
    if (system) {
      try {
        return jsString(system.getProperty(PREFIX + scope + key));
      } catch (e) {
        system = null;
      }
    }
    return local[key] || '';
  }
  function write(key: string, value: string): void {
    if (system) {
      try {
        system.setProperty(PREFIX + scope + key, value);
        return;
      } catch (e) {
        system = null;
      }
    }
    local[key] = value;
  }
  var store: HealthStore = {
    getDownUntil: function (nodeName: string): number {
      var until = jsInt(read('down.' + nodeName));
      return until > 0 ? until : 0;
    },
    setDownUntil: function (nodeName: string, epochMs: number): void {
      write('down.' + nodeName, String(epochMs));
    },
    firstTime: function (key: string): boolean {
      if (read('once.' + key) === '1') return false;
      write('once.' + key, '1');
      return true;
    },
    readNumber: function (key: string): number {
      var value = jsInt(read('n.' + key));
      return value === value ? value : 0;
    },
    writeNumber: function (key: string, value: number): void {
      write('n.' + key, String(value));
    }
  };
  return store;
}
