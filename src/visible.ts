/**
 * Text from a file (answers, an SBOM) made visible and harmless where a person reads it: control and
 * escape characters, bidirectional overrides, line and paragraph separators, lone surrogates and U+FFFE/
 * U+FFFF are written as escapes (\x1b, \u202e, \ud800, \ufffe). On a terminal they could move the cursor,
 * recolour or reorder what follows; in a Word document XML forbids some of them outright.
 */
const ESCAPED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** The same, and tabs and line breaks too: for text inside one line, a table cell or a Word text run. */
const ESCAPED_INLINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escape(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** Control and escape characters made visible; tabs and line breaks kept (multi-line text). */
export function visible(text: string): string {
  return text.replace(ESCAPED, escape);
}

/** Control and escape characters made visible, tabs and line breaks included (one line, a cell, a Word run). */
export function visibleInline(text: string): string {
  return text.replace(ESCAPED_INLINE, escape);
}
