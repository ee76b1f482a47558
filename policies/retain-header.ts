// Entry of retain-header-policy.js: keeps Authorization before Akana's OAuth step deletes it (ES5 engine: Rhino).

import { runRetainHeader } from './hosts/akana';
import { readAkanaBindings } from './hosts/akana/akana-globals';

runRetainHeader(readAkanaBindings());
