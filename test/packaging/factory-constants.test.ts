// The regex constants a factory takes with its functions: which move, which stay, and that the script still runs the same (Node, vitest).
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { moveRareFunctions } from '../../packaging/rare-factory';
import { movePhaseFunctions } from '../../packaging/phase-factories';

/** An IIFE like the bundle's: regexes read only by rare code, by both paths, assigned, sharing a var statement, and a string. */
const SCRIPT = `(function() {
  var ONLY_RARE = /^r+$/;
  var BOTH = /^b+$/;
  var REASSIGNED = /^x$/;
  var FIRST = /^f$/, SECOND = /^s$/;
  var TEXT = "t";
  var ONLY_REQUEST = /^q+$/;
  function usual(x) { return BOTH.test(x) ? 'both' : onFailure(x); }
  function onFailure(x) { return explain(x) + (BOTH.test(x) ? '+b' : ''); }
  function explain(x) { REASSIGNED = /^y$/; return ONLY_RARE.test(x) + ':' + FIRST.test(x) + SECOND.test(x) + TEXT; }
  function requestPhase(x) { return onlyRequest(x); }
  function onlyRequest(x) { return ONLY_REQUEST.test(x) ? 'query' : usual(x); }
  function responsePhase(x) { return usual(x) + REASSIGNED.test('y'); }
  out.push(usual('bb'), usual('rr'), requestPhase('qq'), requestPhase('zz'), responsePhase('rr'));
})();
`;

const run = (code: string): unknown[] => {
  const out: unknown[] = [];
  runInNewContext(code, { out });
  return out;
};

describe('factory constants', () => {
  it('moves a regex into the rare factory when only moved functions read it, and leaves the rest at the top level', () => {
    const { code, moved, constants } = moveRareFunctions(SCRIPT, 'rare', ['onFailure'], 'fixture.js');
    expect(moved).toEqual(['onFailure', 'explain']);
    // BOTH is read on the usual path too, REASSIGNED is written, FIRST and SECOND share a statement, TEXT is no regex.
    expect(constants).toEqual(['ONLY_RARE']);
    expect(code).toMatch(/function rareFactory\(\) \{\n\s+var ONLY_RARE = \/\^r\+\$\/;\n\s+function onFailure/);
    expect(code.indexOf('var ONLY_RARE')).toBeGreaterThan(code.indexOf('function rareFactory'));
    expect(run(code)).toEqual(run(SCRIPT));
  });

  it("moves a regex into a phase factory when only that phase's functions read it", () => {
    const code = movePhaseFunctions(SCRIPT, ['requestPhase', 'responsePhase'], 'fixture.js');
    expect(code).toMatch(/function requestPhaseFactory\(\) \{\n\s+var ONLY_REQUEST = \/\^q\+\$\/;\n\s+function requestPhase\(x\)[\s\S]*function onlyRequest/);
    expect(code).toMatch(/^\s+var BOTH = /m);
    expect(code.indexOf('var BOTH')).toBeLessThan(code.indexOf('function requestPhaseFactory'));
    expect(run(code)).toEqual(run(SCRIPT));
    expect(run(SCRIPT)).toEqual(['both', 'true:falsefalset', 'query', 'false:falsefalset', 'true:falsefalsettrue']);
  });

  it('keeps a regex that a name elsewhere may mean, even a local of the same name (references are over-counted)', () => {
    const shadowed = SCRIPT.replace('function usual(x) {', 'function usual(x) { var ONLY_RARE = 1;');
    expect(moveRareFunctions(shadowed, 'rare', ['onFailure'], 'fixture.js').constants).toEqual([]);
  });
});
