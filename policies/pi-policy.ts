// Entry of pi_policy.js, the Akana operational script policy: one run with config.js's variables, validated once per JVM and config (ES5 engine: Rhino).

import { readAkanaBindings, readAkanaConfigGlobals, runPiPolicy } from './hosts/akana';

runPiPolicy(readAkanaBindings(), readAkanaConfigGlobals());
