// Entry of pi_policy.js, the Akana operational script policy: config.js validated at load, then one run (ES5 engine: Rhino).

import { loadAkanaConfig, runPiPolicy } from './hosts/akana';
import { readAkanaBindings, readAkanaConfigGlobals } from './hosts/akana/akana-globals';

runPiPolicy(readAkanaBindings(), loadAkanaConfig(readAkanaConfigGlobals()));
