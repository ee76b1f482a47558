// Vitest global setup (Node): the Akana engine tests need Rhino and a JDK; bring them (apt-get as root) or fail with the command, unless PI_SKIP_ENGINE=1.
import { ensureEngine, SKIP_ENGINE_VARIABLE } from '../../emulators/akana';

export default function setup(): void {
  const engine = ensureEngine((line) => process.stdout.write(`${line}\n`));
  if (engine.ok) return;
  if (engine.skipped) {
    process.stdout.write(`engine: ${engine.reason}: the Rhino tests are skipped and counted at the end\n`);
    return;
  }
  throw new Error(
    `the Akana engine tests need Rhino and a JDK: ${engine.reason}; or set ${SKIP_ENGINE_VARIABLE}=1 to skip those tests (the run then says how many)`
  );
}
