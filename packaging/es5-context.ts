// Runs a script in a node:vm context stripped to ES5's built-ins: the smoke run of every bundle and the config.js check (Node only).
//
// node:vm only, no parser: the CLI renders config.js from an installed package, where acorn (the
// ES5 syntax gate, a dev dependency) is absent.
import vm from 'node:vm';

/**
 * Own string-keyed properties that ES5 (plus what Rhino has had since 1.7R4: __proto__ and the
 * legacy accessor helpers, String.prototype.substr, Date getYear) defines on each built-in. The
 * context keeps only these: an allow list, so built-ins a newer Node adds are removed as well.
 * Symbol-keyed properties are never touched: V8's own ES5 methods look some of them up.
 */
const ES5_GLOBALS = [
  'Array', 'Boolean', 'Date', 'Error', 'EvalError', 'Function', 'Infinity', 'JSON', 'Math', 'NaN',
  'Number', 'Object', 'RangeError', 'ReferenceError', 'RegExp', 'String', 'SyntaxError', 'TypeError',
  'URIError', 'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent', 'escape', 'eval',
  'isFinite', 'isNaN', 'parseFloat', 'parseInt', 'undefined', 'unescape'
];
const FUNCTION_OWN = ['length', 'name', 'prototype'];
const ES5_MEMBERS: Record<string, string[]> = {
  Object: [
    ...FUNCTION_OWN, 'create', 'defineProperty', 'defineProperties', 'freeze', 'getOwnPropertyDescriptor',
    'getOwnPropertyNames', 'getPrototypeOf', 'isExtensible', 'isFrozen', 'isSealed', 'keys',
    'preventExtensions', 'seal'
  ],
  'Object.prototype': [
    'constructor', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'toString',
    'valueOf', '__proto__', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__'
  ],
  Function: [...FUNCTION_OWN],
  'Function.prototype': ['constructor', 'apply', 'bind', 'call', 'toString', 'length', 'name', 'arguments', 'caller'],
  Array: [...FUNCTION_OWN, 'isArray'],
  'Array.prototype': [
    'constructor', 'length', 'concat', 'join', 'pop', 'push', 'reverse', 'shift', 'slice', 'sort', 'splice',
    'unshift', 'indexOf', 'lastIndexOf', 'every', 'some', 'forEach', 'map', 'filter', 'reduce', 'reduceRight',
    'toString', 'toLocaleString'
  ],
  String: [...FUNCTION_OWN, 'fromCharCode'],
  'String.prototype': [
    'constructor', 'length', 'charAt', 'charCodeAt', 'concat', 'indexOf', 'lastIndexOf', 'localeCompare',
    'match', 'replace', 'search', 'slice', 'split', 'substring', 'substr', 'toLowerCase', 'toLocaleLowerCase',
    'toUpperCase', 'toLocaleUpperCase', 'trim', 'toString', 'valueOf'
  ],
  Number: [
    ...FUNCTION_OWN, 'MAX_VALUE', 'MIN_VALUE', 'NaN', 'NEGATIVE_INFINITY', 'POSITIVE_INFINITY'
  ],
  'Number.prototype': ['constructor', 'toExponential', 'toFixed', 'toPrecision', 'toString', 'toLocaleString', 'valueOf'],
  'Boolean.prototype': ['constructor', 'toString', 'valueOf'],
  Math: [
    'E', 'LN10', 'LN2', 'LOG10E', 'LOG2E', 'PI', 'SQRT1_2', 'SQRT2', 'abs', 'acos', 'asin', 'atan', 'atan2',
    'ceil', 'cos', 'exp', 'floor', 'log', 'max', 'min', 'pow', 'random', 'round', 'sin', 'sqrt', 'tan'
  ],
  JSON: ['parse', 'stringify'],
  Date: [...FUNCTION_OWN, 'UTC', 'now', 'parse'],
  'Date.prototype': [
    'constructor', 'toString', 'toDateString', 'toTimeString', 'toLocaleString', 'toLocaleDateString',
    'toLocaleTimeString', 'valueOf', 'getTime', 'getFullYear', 'getUTCFullYear', 'getMonth', 'getUTCMonth',
    'getDate', 'getUTCDate', 'getDay', 'getUTCDay', 'getHours', 'getUTCHours', 'getMinutes', 'getUTCMinutes',
    'getSeconds', 'getUTCSeconds', 'getMilliseconds', 'getUTCMilliseconds', 'getTimezoneOffset', 'setTime',
    'setMilliseconds', 'setUTCMilliseconds', 'setSeconds', 'setUTCSeconds', 'setMinutes', 'setUTCMinutes',
    'setHours', 'setUTCHours', 'setDate', 'setUTCDate', 'setMonth', 'setUTCMonth', 'setFullYear',
    'setUTCFullYear', 'toUTCString', 'toISOString', 'toJSON', 'getYear', 'setYear', 'toGMTString'
  ],
  // stackTraceLimit is read by V8 itself; captureStackTrace (V8 only) goes.
  Error: [...FUNCTION_OWN, 'stackTraceLimit'],
  'Error.prototype': ['constructor', 'message', 'name', 'toString']
  // RegExp is left whole: V8's split/replace read its ES2015 flag getters internally, and ES5 code
  // cannot reach anything new through it except the `flags`/`sticky`/`unicode` getters.
};

/** Runs inside the context, written in ES5 so it runs there before anything else. */
const STRIP_SOURCE = `(function (globals, members) {
  var root = this, has = Object.prototype.hasOwnProperty;
  function keepOnly(target, names) {
    var keep = {};
    for (var i = 0; i < names.length; i++) keep[names[i]] = true;
    var own = Object.getOwnPropertyNames(target);
    for (var j = 0; j < own.length; j++) {
      if (has.call(keep, own[j])) continue;
      // Non-configurable ones (Number.EPSILON, MAX_SAFE_INTEGER) are constants, not behaviour: they stay.
      if (Object.getOwnPropertyDescriptor(target, own[j]).configurable) delete target[own[j]];
    }
  }
  function lookup(path) {
    var parts = path.split('.'), value = root;
    for (var i = 0; i < parts.length; i++) value = value[parts[i]];
    return value;
  }
  for (var path in members) if (has.call(members, path)) keepOnly(lookup(path), members[path]);
  keepOnly(root, globals);
})`;

export interface StrippedRunOptions {
  /** File name in stack traces and error messages. */
  filename?: string;
  /** Bound on the synchronous run, in ms (default 5000): an endless loop fails instead of hanging. */
  timeoutMs?: number;
}

/**
 * Runs `code` as a script in a fresh `node:vm` context that has only ES5's built-ins (stricter than
 * Rhino 1.7.14, which has Object.assign and includes; Akana's 1.7R4 lacks them), with `globals` as
 * global variables, and returns the script's completion value. Values in `globals` come from Node's
 * realm and keep its built-ins: stubs should hand plain values to the script.
 */
export function runInStrippedContext(
  code: string,
  globals: Record<string, unknown>,
  options: StrippedRunOptions = {}
): unknown {
  const context = vm.createContext({});
  const strip = vm.runInContext(STRIP_SOURCE, context) as (globals: unknown, members: unknown) => void;
  // Hand the lists over as the context's own JSON values, so the stripping code runs on its realm's arrays.
  const toContext = vm.runInContext('JSON.parse', context) as (text: string) => unknown;
  strip.call(vm.runInContext('this', context), toContext(JSON.stringify(ES5_GLOBALS)), toContext(JSON.stringify(ES5_MEMBERS)));
  for (const name of Object.keys(globals)) context[name] = globals[name];
  return vm.runInContext(code, context, {
    filename: options.filename ?? 'bundle.js',
    timeout: options.timeoutMs ?? 5000
  });
}

/** runInStrippedContext for a script that must not throw: its throw becomes one Error naming the script. Returns the completion value. */
export function smokeRun(code: string, label: string, globals: Record<string, unknown>): unknown {
  try {
    return runInStrippedContext(code, globals, { filename: label });
  } catch (error) {
    // Errors thrown by the script belong to the context's realm: `instanceof Error` is false for them.
    const thrown = error as { name?: unknown; message?: unknown } | null;
    const message =
      thrown !== null && typeof thrown === 'object' && typeof thrown.message === 'string'
        ? `${String(thrown.name)}: ${thrown.message}`
        : String(error);
    throw new Error(`${label} threw in the ES5-only smoke run (a policy script must never throw): ${message.split('\n')[0]}`);
  }
}
