// The Akana and Apigee bundles as Rhino compiles them (opt 0): the generated methods every message runs stay small enough for HotSpot to JIT-compile, and the per-message guards make no activation object (Node, vitest; needs Rhino and a JDK).
import { describe, expect, it } from 'vitest';
import { bundleEs5 } from '../../packaging/es5-bundle';
import { AKANA_ENTRIES, APIGEE_ENTRIES, bundleOptionsOf, type PolicyEntry } from '../../packaging/entries';
import { rhinoAvailable } from '../../emulators/akana';
import { HOTSPOT_HUGE_METHOD_LIMIT, activationFunctions, functionsWithActivation, generatedMethodSizes, methodSizes } from '../../emulators/jvm/method-sizes';

const engine = rhinoAvailable();

/** A bundle as the build writes it: the entry's host modules, inlined constants, phase and rare factories. */
function shipped(entry: PolicyEntry): Promise<string> {
  return bundleEs5(bundleOptionsOf(entry, '/* test */'));
}

const ENTRIES = [...AKANA_ENTRIES, ...APIGEE_ENTRIES];

/**
 * getParamOrVarName of the Apigee step is still over the limit (its ES5 SHA-256 digest, every hashed
 * flow's, is in the same class): a ceiling keeps it from growing. pi_policy.js has none: its functions
 * are table properties (packaging/function-tables.ts) and its ES5 digest a compiled kit.
 */
const KNOWN_OVER: Record<string, Record<string, number>> = {
  'policies/apigee-sideband.ts': { getParamOrVarName: 8200 }
};

/**
 * Guards that a usual Akana message runs, catch-free (policies/hosts/akana/java-values.ts): a catch
 * clause would give each an activation object on every call (callHost alone runs some eight times
 * per message; the catch cost 0.2 µs per call in a small script, more with the bundle's name tables).
 */
const CATCH_FREE_ON_EVERY_MESSAGE = [
  'callHost', 'hostString', 'readRequest', 'readResponse', 'readIdentity', 'readKey', 'javaSystem', 'javaRandomUuid', 'javaRandomBytes', 'hostBytes',
  'logDebug', 'writeLine', 'loadAkanaConfig', 'decodeQueryComponent',
  // the Messenger's throw is caught once per attempt, by the core's driver (sendGuarded)
  'sendOverMsgr'
];

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

  it('names the functions whose generated code makes an activation object, from javap text', () => {
    const text = [
      '  private static java.lang.Object _c_callHost_16(Script, org.mozilla.javascript.Context, org.mozilla.javascript.Scriptable, org.mozilla.javascript.Scriptable, java.lang.Object[]);',
      '    Code:',
      '       0: aload_0',
      '  private static java.lang.Object _c_guardEntry_11(Script, org.mozilla.javascript.Context, org.mozilla.javascript.Scriptable, org.mozilla.javascript.Scriptable, java.lang.Object[]);',
      '    Code:',
      '      12: invokestatic  #40                 // Method org/mozilla/javascript/ScriptRuntime.createFunctionActivation:(Lorg/mozilla/javascript/NativeFunction;Lorg/mozilla/javascript/Scriptable;[Ljava/lang/Object;Z)Lorg/mozilla/javascript/Scriptable;',
      '  public java.lang.String getParamOrVarName(int);',
      '    Code:',
      '       0: aload_0'
    ].join('\n');
    expect([...activationFunctions(text)]).toEqual(['guardEntry']);
  });

  it.skipIf(!engine.ok).each(ENTRIES.map((entry) => [entry.source, entry] as [string, PolicyEntry]))(
    `%s as shipped: every method under HotSpot's ${HOTSPOT_HUGE_METHOD_LIMIT}-byte limit (${engine.reason})`,
    async (source, entry) => {
      const sizes = await generatedMethodSizes(await shipped(entry));
      expect(sizes.get('getParamOrVarConst')).toBeGreaterThan(0);
      const known = KNOWN_OVER[source] ?? {};
      for (const [method, size] of sizes) expect(size, method).toBeLessThan(known[method] ?? HOTSPOT_HUGE_METHOD_LIMIT);
    },
    120000
  );

  it.skipIf(!engine.ok)(`pi_policy.js as shipped: the guards of a usual message make no activation object (the entry guard's catch still does) (${engine.reason})`, async () => {
    const withActivation = await functionsWithActivation(await shipped(AKANA_ENTRIES[0]));
    // The test can fail: the entry guard keeps its catch (it logs the error), and so does the driver's attempt.
    expect(withActivation).toContain('guardEntry');
    expect(withActivation).toContain('sendGuarded');
    for (const name of CATCH_FREE_ON_EVERY_MESSAGE) expect(withActivation, name).not.toContain(name);
  }, 120000);
});
