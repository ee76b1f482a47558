// Makes any text one line: log lines and text sent to ASE never carry a raw line break or control character (ES5 engine and Node).
//
// Log lines and ASE's payload take text from outside the policy (OpenSSL and Java exception messages,
// a backend's reason phrase): a raw CR or LF there splits one failure into two lines, or forges one.

/** C0 controls, DEL, C1 controls and the Unicode line and paragraph separators. */
var CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
var HAS_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The text with every run of control characters (CR, LF, TAB, NUL, ...) replaced by one space. */
export function oneLine(text: string): string {
  return HAS_CONTROL.test(text) ? text.replace(CONTROL, ' ') : text;
}
