/** Reads a .docx back for assertions: every part parsed as XML, paragraphs and tables as text. */
import { DOMParser, type Element } from "@xmldom/xmldom";
import { strFromU8, unzipSync } from "fflate";

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

export interface ParagraphInfo {
  readonly style: string | undefined;
  readonly text: string;
  readonly numId: string | undefined;
  readonly level: number | undefined;
  readonly bold: boolean;
}

export interface DocxContent {
  readonly parts: Record<string, string>;
  readonly paragraphs: readonly ParagraphInfo[];
  /** Each table as rows of cell texts. */
  readonly tables: readonly (readonly (readonly string[])[])[];
  readonly text: string;
  readonly document: Element;
}

/** Parses XML strictly: any warning or error of the parser fails. */
export function parseXml(xml: string, name: string): Element {
  const doc = new DOMParser({
    onError: (level, message) => {
      // Warnings (such as a U+FFFD in the text) are not faults of the XML.
      if (level !== "warning") throw new Error(`${name}: XML ${level}: ${message}`);
    },
  }).parseFromString(xml, "application/xml");
  const root = doc.documentElement;
  if (!root) throw new Error(`${name}: no root element`);
  return root;
}

function children(el: Element, local: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).localName === local && (n as Element).namespaceURI === W) out.push(n as Element);
  }
  return out;
}

function descendants(el: Element, local: string): Element[] {
  return Array.from(el.getElementsByTagNameNS(W, local));
}

function attr(el: Element | undefined, name: string): string | undefined {
  return el?.getAttributeNS(W, name) ?? undefined;
}

function paragraphText(p: Element): string {
  return descendants(p, "t")
    .map((t) => t.textContent ?? "")
    .join("");
}

export function readDocx(bytes: Uint8Array): DocxContent {
  const files = unzipSync(bytes);
  const parts: Record<string, string> = {};
  for (const [name, data] of Object.entries(files)) {
    if (name.endsWith(".xml") || name.endsWith(".rels")) {
      parts[name] = strFromU8(data);
      parseXml(parts[name] ?? "", name);
    }
  }
  const document = parseXml(parts["word/document.xml"] ?? "", "word/document.xml");
  const body = descendants(document, "body")[0];
  if (!body) throw new Error("no body");
  const paragraphs: ParagraphInfo[] = descendants(body, "p").map((p) => {
    const pPr = children(p, "pPr")[0];
    const numPr = pPr ? children(pPr, "numPr")[0] : undefined;
    const ilvl = numPr ? children(numPr, "ilvl")[0] : undefined;
    return {
      style: attr(pPr ? children(pPr, "pStyle")[0] : undefined, "val"),
      text: paragraphText(p),
      numId: attr(numPr ? children(numPr, "numId")[0] : undefined, "val"),
      level: ilvl ? Number(attr(ilvl, "val")) : undefined,
      bold: descendants(p, "b").length > 0,
    };
  });
  const tables = descendants(body, "tbl").map((tbl) =>
    children(tbl, "tr").map((tr) => children(tr, "tc").map((tc) => children(tc, "p").map(paragraphText).join("\n"))),
  );
  return { parts, paragraphs, tables, text: paragraphs.map((p) => p.text).join("\n"), document };
}
