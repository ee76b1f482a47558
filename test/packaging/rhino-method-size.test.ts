// The Akana bundles as Rhino compiles them (opt 0): the generated methods every message runs stay small enough for HotSpot to JIT-compile (Node, vitest; needs Rhino and a JDK).
import { describe, expect, it } from 'vitest';
import { bundleEs5 } from '../../packaging/es5-bundle';
import { rhinoAvailable } from '../../emulators/akana';
import { HOTSPOT_HUGE_METHOD_LIMIT, generatedMethodSizes, methodSizes } from '../../emulators/jvm/method-sizes';

const engine = rhinoAvailable();

/**
 * getParamOrVarName of pi_policy.js (and of the Apigee step) is over the limit today (the SHA-256 and
 * async kits' names are in the same class; compiling them apart costs a millisecond per message that
 * uses them; bringing it under made no measurable difference with the bundle alone in a JVM): a
 * ceiling keeps it from growing while the other table, getParamOrVarConst, stays under the limit.
 * Raised from 9500 to 9650 for the config carried from the request to the response phase and the
 * closure-free transport (seven small functions; the response message 10% less CPU).
 */
const KNOWN_OVER: Record<string, Record<string, number>> = {
  'policies/pi-policy.ts': { getParamOrVarName: 9650 },
  'policies/apigee-sideband.ts': { getParamOrVarName: 9900 }
};

describe('generated method sizes', () => {
  it('reads sizes from javap text: the last instruction offset plus one, the largest overload, the static initializer apart', () => {
    const text = [
      '  public java.lang.String getParamOrVarName(int);',
      '    Code:',
      '       0: aload_0',
      '    8001: areturn',
      '  public final java.lang.Object call(org.mozilla.javascript.Context, java.lang.Object[]);',
      '    Code:',
      '       0: aload_0',
      '      12: areturn',
      '  public final java.lang.Object call(org.mozilla.javascript.Context);',
      '    Code:',
      '       3: areturn',
      '  private static int _count;',
      '  static {};',
      '    Code:',
      '       0: iconst_0',
      '      40: return'
    ].join('\n');
    expect(methodSizes(text)).toEqual(new Map([['getParamOrVarName', 8002], ['call', 13], ['<clinit>', 41]]));
  });

  it.skipIf(!engine.ok).each(['policies/pi-policy.ts', 'policies/retain-header.ts', 'policies/apigee-sideband.ts'])(
    `%s: every method under HotSpot's ${HOTSPOT_HUGE_METHOD_LIMIT}-byte limit (${engine.reason})`,
    async (entryPath) => {
      const sizes = await generatedMethodSizes(await bundleEs5({ entryPath, banner: '/* test */' }));
      expect(sizes.get('getParamOrVarConst')).toBeGreaterThan(0);
      const known = KNOWN_OVER[entryPath] ?? {};
      for (const [method, size] of sizes) expect(size, method).toBeLessThan(known[method] ?? HOTSPOT_HUGE_METHOD_LIMIT);
    },
    120000
  );
});
