// upload's parts (Node): line-diff summary, secret-flag refusal, credentials, REST base and network error wording.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeChange, diffLines, fingerprint, formatHunk } from '../../cli/upload/change-summary';
import { authorizationHeader, refuseSecretFlags, resolveCredentials, type Prompter } from '../../cli/upload/credentials';
import { explainNetworkError, explainStatus, restBase } from '../../cli/upload/pm-client';
import { findContentField, withContent } from '../../cli/upload/script-object';

const noPrompt: Prompter = {
  line: () => Promise.reject(new Error('must not ask')),
  secret: () => Promise.reject(new Error('must not ask'))
};

/** Applies hunks to old lines, taking the inserted lines from new: must give back new exactly. */
function applyHunks(oldText: string, newText: string): string[] {
  const a = oldText === '' ? [] : oldText.split('\n');
  const b = newText === '' ? [] : newText.split('\n');
  const result: string[] = [];
  let i = 0;
  for (const hunk of diffLines(oldText, newText).hunks) {
    const oldFrom = hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1;
    while (i < oldFrom) result.push(a[i++]);
    i += hunk.oldLines;
    const newFrom = hunk.newLines === 0 ? hunk.newStart : hunk.newStart - 1;
    for (let k = 0; k < hunk.newLines; k += 1) result.push(b[newFrom + k]);
  }
  while (i < a.length) result.push(a[i++]);
  return result;
}

describe('change summary', () => {
  it('fingerprints UTF-8 bytes, lines and a sha256 prefix', () => {
    const text = 'é\nb\n';
    expect(fingerprint(text)).toEqual({
      bytes: 5,
      lines: 3,
      sha256: createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex').slice(0, 12)
    });
  });

  it('finds replaced, inserted and deleted lines as hunks', () => {
    const diff = diffLines('a\nold\nc\nd\ne\n', 'a\nnew\nc\ne\nf\n');
    expect(diff).toMatchObject({ added: 2, removed: 2, exact: true });
    expect(diff.hunks.map(formatHunk)).toEqual(['@@ -2,1 +2,1 @@', '@@ -4,1 +3,0 @@', '@@ -5,0 +5,1 @@']);
    expect(diffLines('x', 'x').hunks).toEqual([]);
    expect(diffLines('', 'a\nb').hunks.map(formatHunk)).toEqual(['@@ -0,0 +1,2 @@']);
  });

  it('hunks always rebuild the new text from the old one', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 12 }).map((parts) => parts.join('\n'));
    fc.assert(
      fc.property(lines, lines, (oldText, newText) => {
        expect(applyHunks(oldText, newText)).toEqual(newText === '' ? [] : newText.split('\n'));
      }),
      { numRuns: 300 }
    );
  });

  it('reports a region too large to align as one block', () => {
    const diff = diffLines('a\nx1\nx2\nz', 'a\ny1\ny2\ny3\nz', 4);
    expect(diff).toEqual({ added: 3, removed: 2, exact: false, hunks: [{ oldStart: 2, oldLines: 2, newStart: 2, newLines: 3 }] });
  });

  it('describes a change without showing any line', () => {
    const lines = describeChange('var t = "old-secret";\n', 'var t = "new-secret";\n');
    expect(lines[2]).toBe('diff: +1 -1 lines in 1 hunk: @@ -1,1 +1,1 @@');
    expect(lines.join('\n')).not.toMatch(/secret/);
    expect(describeChange('same', 'same')).toEqual([expect.stringMatching(/^unchanged: 4 bytes, 1 lines, sha256 [0-9a-f]{12}$/)]);
    expect(describeChange('a\r\nb', 'a\nb')[2]).toBe('diff: same lines, different line endings');
    const many = describeChange(Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n'), Array.from({ length: 20 }, (_, i) => (i % 2 ? `l${i}` : `m${i}`)).join('\n'));
    expect(many[2]).toMatch(/in 10 hunks: (@@ [^@]+ @@ ?){6}\.\.\. and 4 more$/);
  });
});

describe('credentials', () => {
  it('refuses secret flags without repeating their value', () => {
    expect(refuseSecretFlags(['--url', 'x', '--password', 'p'])).toMatch(/^--password is not accepted: .*PM_PASSWORD/);
    expect(refuseSecretFlags(['--PASSWORD=p'])).toMatch(/PM_PASSWORD/);
    expect(refuseSecretFlags(['-token=p'])).toMatch(/PM_TOKEN/);
    expect(refuseSecretFlags(['--password-file', 'f', '--dry-run'])).toBeUndefined();
    expect(refuseSecretFlags(['--', '--password'])).toBeUndefined();
  });

  it('prefers PM_TOKEN, treats empty variables as unset, and never asks when not interactive', async () => {
    expect(await resolveCredentials({ PM_TOKEN: 't', PM_USERNAME: 'u', PM_PASSWORD: 'p' }, false, noPrompt)).toEqual({ kind: 'bearer', token: 't' });
    expect(await resolveCredentials({ PM_TOKEN: '', PM_USERNAME: 'u', PM_PASSWORD: 'p' }, false, noPrompt)).toEqual({ kind: 'basic', username: 'u', password: 'p' });
    await expect(resolveCredentials({ PM_PASSWORD: 'p' }, false, noPrompt)).rejects.toThrow(/^PM_USERNAME is not set \(PM_PASSWORD is\)/);
    await expect(resolveCredentials({}, false, noPrompt)).rejects.toThrow(/PM_USERNAME and PM_PASSWORD .* or PM_TOKEN/);
  });

  it('asks only for what is missing', async () => {
    const asked: string[] = [];
    const prompter: Prompter = {
      line: () => Promise.reject(new Error('user name is set')),
      secret: async (question) => (asked.push(question), 'pw')
    };
    expect(await resolveCredentials({ PM_USERNAME: 'u' }, true, prompter)).toEqual({ kind: 'basic', username: 'u', password: 'pw', prompted: true });
    expect(asked).toEqual(['Password for u: ']);
  });

  it('builds the Authorization header', () => {
    expect(authorizationHeader({ kind: 'basic', username: 'ü', password: 'a:b' })).toBe(`Basic ${Buffer.from('ü:a:b', 'utf8').toString('base64')}`);
    expect(authorizationHeader({ kind: 'bearer', token: 'abc' })).toBe('Bearer abc');
  });
});

describe('Policy Manager client wording', () => {
  it('puts the REST base under /rest once', () => {
    expect(restBase('https://pm.example.com:9900')).toBe('https://pm.example.com:9900/rest');
    expect(restBase('https://pm.example.com:9900/')).toBe('https://pm.example.com:9900/rest');
    expect(restBase('https://pm.example.com/pm/rest/')).toBe('https://pm.example.com/pm/rest');
    expect(() => restBase('pm.example.com')).toThrow(/--url must be the Policy Manager address/);
    expect(() => restBase('https://pm.example.com/?x=1')).toThrow(/no query/);
  });

  const origin = 'https://pm.example.com:9900';
  const coded = (code: string, message = code) => Object.assign(new Error(message), { code });

  it.each([
    [coded('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), /not signed by a CA this machine trusts \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\): .*--ca FILE/],
    [
      coded('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames: Host: pm.example.com. is not in the cert's altnames: DNS:pm.internal"),
      /^TLS: the certificate's names do not match pm\.example\.com:9900 \(.*DNS:pm\.internal\): use a host name the certificate lists in --url$/
    ],
    [coded('CERT_HAS_EXPIRED'), /is expired/],
    [coded('UND_ERR_CONNECT_TIMEOUT'), /^no answer from https:\/\/pm\.example\.com:9900 within 1500 ms \(--timeout 1500\)/],
    [new DOMException('The operation was aborted due to timeout', 'TimeoutError'), /within 1500 ms/],
    [new Error('wrapped', { cause: coded('ECONNREFUSED') }), /^connection refused by https:\/\/pm\.example\.com:9900/],
    [coded('ENOTFOUND'), /cannot resolve the host name/],
    [coded('ECONNRESET'), /closed the connection \(ECONNRESET\)/],
    [coded('EWHATEVER', 'odd failure'), /^request to https:\/\/pm\.example\.com:9900 failed: EWHATEVER: odd failure$/]
  ])('explains %s', (error, message) => {
    expect(explainNetworkError(error, origin, 1500)).toMatch(message);
  });

  it('says which credentials to check on 401', () => {
    expect(explainStatus(401, '', { kind: 'script', key: 'k' }, { kind: 'bearer', token: 't' })).toMatch(/check PM_TOKEN$/);
    expect(explainStatus(401, '', { kind: 'script', key: 'k' }, { kind: 'basic', username: 'u', password: 'p', prompted: true })).toMatch(
      /check the user name and password typed at the prompt/
    );
  });
});

describe('script object', () => {
  it('detects the content field in order and replaces only it', () => {
    const object = { Name: 'n', script: 'b', Content: 42, content: 'a' };
    expect(findContentField(object, 'script k')).toEqual({ field: 'content', current: 'a' });
    expect(withContent(object, 'content', 'new')).toEqual({ Name: 'n', script: 'b', Content: 42, content: 'new' });
    expect(object.content).toBe('a');
    expect(() => findContentField(object, 'script k', 'Content')).toThrow(/no text field Content \(it holds number\)/);
  });
});
