/**
 * The validity gate: every generated .docx is checked in-process before it is published. It catches what
 * makes Word refuse or silently alter a file (see RELIABILITY notes): parts that are not well-formed XML or
 * hold characters XML forbids, tables without rows, rows without cells, cells not ending with a paragraph,
 * raw line breaks or tabs inside text runs, numbering or style references that do not resolve, missing
 * parts, content types or relationship targets.
 */
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { strFromU8, unzipSync } from "fflate";
import { AnnexValidityError } from "../errors.js";

export { AnnexValidityError };


interface Frame {
  readonly name: string;
  /** Names of the direct children seen so far. */
  readonly children: Set<string>;
  lastChild: string | undefined;
}

interface PartFacts {
  readonly numIds: Set<string>;
  readonly styles: Set<string>;
}

const REQUIRED_PARTS = ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels"];

function parse(name: string, xml: string, problems: string[], onOpen?: (tag: SaxesTagPlain, stack: Frame[]) => void, onClose?: (frame: Frame, stack: Frame[]) => void, onText?: (text: string, stack: Frame[]) => void): void {
  const parser = new SaxesParser({ position: true, fileName: name });
  const stack: Frame[] = [];
  let failed = false;
  parser.on("error", (e) => {
    if (!failed) problems.push(`${name}: not well-formed XML: ${e.message}`);
    failed = true;
  });
  parser.on("opentag", (tag) => {
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.children.add(tag.name);
      parent.lastChild = tag.name;
    }
    onOpen?.(tag as SaxesTagPlain, stack);
    stack.push({ name: tag.name, children: new Set(), lastChild: undefined });
  });
  parser.on("closetag", () => {
    const frame = stack.pop();
    if (frame) onClose?.(frame, stack);
  });
  parser.on("text", (text) => onText?.(text, stack));
  try {
    parser.write(xml).close();
  } catch (e) {
    if (!failed) problems.push(`${name}: not well-formed XML: ${(e as Error).message}`);
  }
}

function checkWordprocessingPart(name: string, xml: string, problems: string[], facts: PartFacts): void {
  let textRuns = 0;
  parse(
    name,
    xml,
    problems,
    (tag) => {
      const val = tag.attributes["w:val"];
      if (tag.name === "w:numId" && val !== undefined) facts.numIds.add(val);
      if ((tag.name === "w:pStyle" || tag.name === "w:rStyle" || tag.name === "w:tblStyle") && val !== undefined) facts.styles.add(val);
    },
    (frame) => {
      if (frame.name === "w:tbl" && !frame.children.has("w:tr")) problems.push(`${name}: a table has no rows`);
      if (frame.name === "w:tr" && !frame.children.has("w:tc")) problems.push(`${name}: a table row has no cells`);
      if (frame.name === "w:tc" && frame.lastChild !== "w:p") problems.push(`${name}: a table cell does not end with a paragraph`);
      if (frame.name === "w:t") textRuns++;
    },
    (text, stack) => {
      if (stack[stack.length - 1]?.name === "w:t" && /[\n\r\t]/.test(text)) {
        problems.push(`${name}: a text run contains a raw ${text.includes("\t") ? "tab" : "line break"} (text ${JSON.stringify(text.slice(0, 40))})`);
      }
    },
  );
  if (name === "word/document.xml" && textRuns === 0) problems.push(`${name}: the document has no text`);
}

export function docxProblems(bytes: Uint8Array): string[] {
  const problems: string[] = [];
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    return [`not a valid zip package: ${(e as Error).message}`];
  }
  for (const part of REQUIRED_PARTS) if (!(part in files)) problems.push(`${part}: missing`);

  const facts: PartFacts = { numIds: new Set(), styles: new Set() };
  const defined = { nums: new Map<string, string>(), abstracts: new Set<string>(), styles: new Set<string>() };
  const overrides = new Set<string>();
  const defaults = new Set<string>();

  for (const [name, data] of Object.entries(files)) {
    if (!name.endsWith(".xml") && !name.endsWith(".rels")) continue;
    let xml: string;
    try {
      xml = new TextDecoder("utf-8", { fatal: true }).decode(data);
    } catch {
      problems.push(`${name}: not valid UTF-8`);
      continue;
    }
    if (/^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/.test(name)) {
      checkWordprocessingPart(name, xml, problems, facts);
    } else if (name === "word/numbering.xml") {
      let currentNum: string | undefined;
      parse(name, xml, problems, (tag) => {
        const a = tag.attributes;
        if (tag.name === "w:abstractNum" && a["w:abstractNumId"] !== undefined) {
          if (defined.abstracts.has(a["w:abstractNumId"])) problems.push(`${name}: abstract numbering ${a["w:abstractNumId"]} is defined twice`);
          defined.abstracts.add(a["w:abstractNumId"]);
        }
        if (tag.name === "w:num" && a["w:numId"] !== undefined) {
          if (defined.nums.has(a["w:numId"])) problems.push(`${name}: numbering ${a["w:numId"]} is defined twice`);
          currentNum = a["w:numId"];
          defined.nums.set(currentNum, "");
        }
        if (tag.name === "w:abstractNumId" && currentNum !== undefined && a["w:val"] !== undefined) defined.nums.set(currentNum, a["w:val"]);
        if (tag.name === "w:lvl" && Number(a["w:ilvl"]) > 8) problems.push(`${name}: a numbering level above 8 (${a["w:ilvl"] ?? ""})`);
      });
    } else if (name === "word/styles.xml") {
      parse(name, xml, problems, (tag) => {
        const id = tag.attributes["w:styleId"];
        if (tag.name === "w:style" && id !== undefined) {
          if (defined.styles.has(id)) problems.push(`${name}: style ${id} is defined twice`);
          defined.styles.add(id);
        }
      });
    } else if (name === "[Content_Types].xml") {
      parse(name, xml, problems, (tag) => {
        if (tag.name === "Override" && tag.attributes["PartName"]) overrides.add(tag.attributes["PartName"].replace(/^\//, ""));
        if (tag.name === "Default" && tag.attributes["Extension"]) defaults.add(tag.attributes["Extension"].toLowerCase());
      });
    } else if (name.endsWith(".rels")) {
      const base = name.replace(/_rels\/[^/]*\.rels$/, "");
      parse(name, xml, problems, (tag) => {
        const target = tag.attributes["Target"];
        if (tag.name !== "Relationship" || target === undefined || tag.attributes["TargetMode"] === "External") return;
        const resolved = target.startsWith("/") ? target.slice(1) : normalise(`${base}${target}`);
        if (!(resolved in files)) problems.push(`${name}: relationship target ${target} is missing from the package`);
      });
    } else {
      parse(name, xml, problems);
    }
  }

  for (const name of Object.keys(files)) {
    if (name.endsWith("/")) continue;
    const extension = name.split(".").pop()?.toLowerCase() ?? "";
    if (!overrides.has(name) && !defaults.has(extension)) problems.push(`${name}: no content type`);
  }
  for (const numId of facts.numIds) {
    if (numId === "0") continue;
    const abstract = defined.nums.get(numId);
    if (abstract === undefined) problems.push(`word/document.xml: numbering ${numId} is used but not defined`);
    else if (!defined.abstracts.has(abstract)) problems.push(`word/numbering.xml: numbering ${numId} refers to the undefined abstract numbering ${abstract}`);
  }
  for (const style of facts.styles) if (!defined.styles.has(style)) problems.push(`word/document.xml: style ${style} is used but not defined`);
  return problems;
}

function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "..") out.pop();
    else if (part !== "." && part !== "") out.push(part);
  }
  return out.join("/");
}

export function assertValidDocx(bytes: Uint8Array): void {
  const problems = docxProblems(bytes);
  if (problems.length > 0) throw new AnnexValidityError(problems);
}
