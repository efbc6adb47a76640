/**
 * Parsing a YAML (or JSON) text that a person gives Clausier (an answers file, a clause library file) with a
 * bound on its nesting depth that holds before anything recursive runs. The `yaml` package builds its
 * syntax tree without recursion but turns it into a document, and the document into data, recursively: a
 * file nested a few thousand levels deep would overflow the stack there. So the text goes through yaml's own
 * lexer and parser first, lexeme by lexeme, watching the depth of the parser's stack of open nodes, and is
 * refused at the first lexeme that goes deeper than the limit, with its position; only a text within the
 * limit is composed into a document, from the tokens already made (the text is parsed once).
 */
import { Composer, Lexer, LineCounter, Parser, YAMLParseError, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions, type CST } from "yaml";

/**
 * How deep a file may nest sections and lists. The answers schema goes four levels deep and a clause's
 * condition a few more; the parser counts the document and each open node (a nested flow list counts one
 * level per bracket), so this leaves ample room for any real file.
 */
export const MAX_YAML_DEPTH = 64;

export type YamlOptions = ParseOptions & DocumentOptions & SchemaOptions;

export type ParsedYaml =
  | { readonly ok: true; readonly document: Document.Parsed; readonly lineCounter: LineCounter }
  | { readonly ok: false; readonly tooDeep: { readonly offset: number; readonly line: number; readonly column: number }; readonly lineCounter: LineCounter };

/** Parses one YAML document, refusing a text nested deeper than `maxDepth` before it is composed. */
export function parseYamlDocument(text: string, options: YamlOptions = {}, maxDepth: number = MAX_YAML_DEPTH): ParsedYaml {
  const lineCounter = new LineCounter();
  const parser = new Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0);
  const tokens: CST.Token[] = [];
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > maxDepth) {
      const offset = Math.min(parser.offset, text.length);
      const p = lineCounter.linePos(offset);
      return { ok: false, tooDeep: { offset, line: p.line, column: p.col }, lineCounter };
    }
  }
  for (const token of parser.end()) tokens.push(token);
  // As yaml's own parseDocument: the first document, and an error if the text holds more than one.
  const composer = new Composer(options);
  let document: Document.Parsed | undefined;
  for (const doc of composer.compose(tokens, true, text.length)) {
    if (document === undefined) {
      document = doc;
    } else {
      document.errors.push(new YAMLParseError(doc.range.slice(0, 2) as [number, number], "MULTIPLE_DOCS", "Source contains multiple documents"));
      break;
    }
  }
  // compose(…, forceDoc = true) always yields a document, an empty one for an empty text.
  return { ok: true, document: document as Document.Parsed, lineCounter };
}
