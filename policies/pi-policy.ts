// Entry of pi_policy.js, the Akana operational script policy: config.js validated at load, then one run (ES5 engine: Rhino).

import { loadAkanaConfig, readAkanaBindings, readAkanaConfigGlobals, runPiPolicy } from './hosts/akana';

runPiPolicy(readAkanaBindings(), loadAkanaConfig(readAkanaConfigGlobals()));
