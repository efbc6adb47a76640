/**
 * The validity gate: every generated .docx is checked in-process before it is published. It catches what
 * makes Word refuse or silently alter a file (see RELIABILITY notes): parts that are not well-formed XML or
 * hold characters XML forbids, tables without rows, rows without cells, cells not ending with a paragraph,
 * raw line breaks or tabs inside text runs, numbering or style references that do not resolve, missing
 * parts, content types or relationship targets.
 */
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { unzipSync } from "fflate";
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

/** What one part says about the package: its own problems, and the facts the checks across parts use. */
interface PartReport {
  readonly problems: readonly string[];
  readonly numIdsUsed: readonly string[];
  readonly stylesUsed: readonly string[];
  /** numbering.xml: numId → abstractNumId ("" when it names none). */
  readonly nums: readonly (readonly [string, string])[];
  readonly abstracts: readonly string[];
  readonly styles: readonly string[];
  readonly contentTypes: { readonly overrides: readonly string[]; readonly defaults: readonly string[] };
  /** Package paths the part's relationships point to. */
  readonly targets: readonly { readonly target: string; readonly resolved: string }[];
}

function reportOn(name: string, xml: string): PartReport {
  const problems: string[] = [];
  const facts: PartFacts = { numIds: new Set(), styles: new Set() };
  const nums = new Map<string, string>();
  const abstracts = new Set<string>();
  const styles = new Set<string>();
  const overrides: string[] = [];
  const defaults: string[] = [];
  const targets: { target: string; resolved: string }[] = [];
  if (/^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/.test(name)) {
    checkWordprocessingPart(name, xml, problems, facts);
  } else if (name === "word/numbering.xml") {
    let currentNum: string | undefined;
    parse(name, xml, problems, (tag) => {
      const a = tag.attributes;
      if (tag.name === "w:abstractNum" && a["w:abstractNumId"] !== undefined) {
        if (abstracts.has(a["w:abstractNumId"])) problems.push(`${name}: abstract numbering ${a["w:abstractNumId"]} is defined twice`);
        abstracts.add(a["w:abstractNumId"]);
      }
      if (tag.name === "w:num" && a["w:numId"] !== undefined) {
        if (nums.has(a["w:numId"])) problems.push(`${name}: numbering ${a["w:numId"]} is defined twice`);
        currentNum = a["w:numId"];
        nums.set(currentNum, "");
      }
      if (tag.name === "w:abstractNumId" && currentNum !== undefined && a["w:val"] !== undefined) nums.set(currentNum, a["w:val"]);
      if (tag.name === "w:lvl" && Number(a["w:ilvl"]) > 8) problems.push(`${name}: a numbering level above 8 (${a["w:ilvl"] ?? ""})`);
    });
  } else if (name === "word/styles.xml") {
    parse(name, xml, problems, (tag) => {
      const id = tag.attributes["w:styleId"];
      if (tag.name === "w:style" && id !== undefined) {
        if (styles.has(id)) problems.push(`${name}: style ${id} is defined twice`);
        styles.add(id);
      }
    });
  } else if (name === "[Content_Types].xml") {
    parse(name, xml, problems, (tag) => {
      if (tag.name === "Override" && tag.attributes["PartName"]) overrides.push(tag.attributes["PartName"].replace(/^\//, ""));
      if (tag.name === "Default" && tag.attributes["Extension"]) defaults.push(tag.attributes["Extension"].toLowerCase());
    });
  } else if (name.endsWith(".rels")) {
    const base = name.replace(/_rels\/[^/]*\.rels$/, "");
    parse(name, xml, problems, (tag) => {
      const target = tag.attributes["Target"];
      if (tag.name !== "Relationship" || target === undefined || tag.attributes["TargetMode"] === "External") return;
      targets.push({ target, resolved: target.startsWith("/") ? target.slice(1) : normalise(`${base}${target}`) });
    });
  } else {
    parse(name, xml, problems);
  }
  return { problems, numIdsUsed: [...facts.numIds], stylesUsed: [...facts.styles], nums: [...nums], abstracts: [...abstracts], styles: [...styles], contentTypes: { overrides, defaults }, targets };
}

/**
 * The last report on each part other than document.xml, with the text it was made from: in a batch, the
 * parts that are the same in every annex (styles, settings, theme, fonts) are parsed once. A part whose text
 * differs is parsed again.
 */
const lastReports = new Map<string, { readonly xml: string; readonly report: PartReport }>();
function cachedReport(name: string, xml: string): PartReport {
  if (name === "word/document.xml") return reportOn(name, xml);
  const last = lastReports.get(name);
  if (last !== undefined && last.xml === xml) return last.report;
  const report = reportOn(name, xml);
  if (lastReports.size < 64 || lastReports.has(name)) lastReports.set(name, { xml, report });
  return report;
}

/** Every problem of a package given as its parts (path → XML text or bytes), in-process, before it is zipped. */
export function partsProblems(parts: ReadonlyMap<string, string | Uint8Array>): string[] {
  const problems: string[] = [];
  for (const part of REQUIRED_PARTS) if (!parts.has(part)) problems.push(`${part}: missing`);
  const used = { numIds: new Set<string>(), styles: new Set<string>() };
  const defined = { nums: new Map<string, string>(), abstracts: new Set<string>(), styles: new Set<string>() };
  const overrides = new Set<string>();
  const defaults = new Set<string>();
  const targets: { part: string; target: string; resolved: string }[] = [];

  for (const [name, data] of parts) {
    if (!name.endsWith(".xml") && !name.endsWith(".rels")) continue;
    let xml: string;
    if (typeof data === "string") {
      xml = data;
    } else {
      try {
        xml = new TextDecoder("utf-8", { fatal: true }).decode(data);
      } catch {
        problems.push(`${name}: not valid UTF-8`);
        continue;
      }
    }
    const report = cachedReport(name, xml);
    problems.push(...report.problems);
    for (const id of report.numIdsUsed) used.numIds.add(id);
    for (const id of report.stylesUsed) used.styles.add(id);
    for (const [num, abstract] of report.nums) defined.nums.set(num, abstract);
    for (const id of report.abstracts) defined.abstracts.add(id);
    for (const id of report.styles) defined.styles.add(id);
    for (const o of report.contentTypes.overrides) overrides.add(o);
    for (const d of report.contentTypes.defaults) defaults.add(d);
    for (const t of report.targets) targets.push({ part: name, ...t });
  }

  for (const t of targets) if (!parts.has(t.resolved)) problems.push(`${t.part}: relationship target ${t.target} is missing from the package`);
  for (const name of parts.keys()) {
    if (name.endsWith("/")) continue;
    const extension = name.split(".").pop()?.toLowerCase() ?? "";
    if (!overrides.has(name) && !defaults.has(extension)) problems.push(`${name}: no content type`);
  }
  for (const numId of used.numIds) {
    if (numId === "0") continue;
    const abstract = defined.nums.get(numId);
    if (abstract === undefined) problems.push(`word/document.xml: numbering ${numId} is used but not defined`);
    else if (!defined.abstracts.has(abstract)) problems.push(`word/numbering.xml: numbering ${numId} refers to the undefined abstract numbering ${abstract}`);
  }
  for (const style of used.styles) if (!defined.styles.has(style)) problems.push(`word/document.xml: style ${style} is used but not defined`);
  return problems;
}

/** Every problem of a .docx file: its zip structure, then its parts. */
export function docxProblems(bytes: Uint8Array): string[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    return [`not a valid zip package: ${(e as Error).message}`];
  }
  return partsProblems(new Map(Object.entries(files)));
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
