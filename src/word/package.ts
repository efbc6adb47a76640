/**
 * A docx Document → the bytes of the .docx file, checked by the validity gate and the same bytes for the
 * same document. docx compiles the document into the package's parts (XML text); Clausier checks those parts
 * (word/validity.ts) before they are zipped, so an invalid package is never produced, and zips them itself
 * with fflate at a fixed date: docx would stamp the clock on every zip entry and in docProps/core.xml, which
 * Clausier writes itself (dated with the tender's issue date, or undated). The compiler is docx's own
 * (`Packer.compiler`, used by Packer.toBuffer); should an upgrade of docx remove it, Clausier falls back to
 * Packer.toBuffer with the clock held and checks the unzipped package instead. The byte-equality and
 * same-parts tests (test/annex.test.ts) catch an upgrade that changes either.
 */
import { Packer, type Document } from "docx";
import { zipSync } from "fflate";
import { AnnexValidityError } from "../errors.js";
import { docxProblems, partsProblems } from "./validity.js";

/** DOS dates start in 1980; built from local components so the bytes are the same in every time zone. */
const ZIP_DATE = new Date(1980, 0, 1, 0, 0, 0).getTime();

export interface CoreProperties {
  readonly title: string;
  readonly subject?: string;
  readonly creator?: string;
  readonly keywords?: string;
  readonly description?: string;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

export function coreXml(properties: CoreProperties, issueDate: string | null): string {
  const element = (tag: string, value: string | undefined): string => (value === undefined ? "" : `<${tag}>${escapeXml(value)}</${tag}>`);
  const dates =
    issueDate === null
      ? ""
      : `<dcterms:created xsi:type="dcterms:W3CDTF">${issueDate}T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${issueDate}T00:00:00Z</dcterms:modified>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    element("dc:title", properties.title) +
    element("dc:subject", properties.subject) +
    element("dc:creator", properties.creator) +
    element("cp:keywords", properties.keywords) +
    element("dc:description", properties.description) +
    element("cp:lastModifiedBy", "Clausier") +
    element("cp:revision", "1") +
    dates +
    "</cp:coreProperties>"
  );
}

/** A .docx package that passed the validity gate. Only such packages are published (output/publish-docx.ts). */
export interface PackedDocx {
  readonly bytes: Uint8Array;
  /** Its parts' names, in the order of the zip file. */
  readonly parts: readonly string[];
}

type Compile = (file: Document, prettify: undefined, overrides: readonly { path: string; data: string }[]) => Map<string, string | Uint8Array>;

/** docx's compiler of a document into its parts, when this version of docx has it where Packer keeps it. */
export function docxCompiler(): Compile | undefined {
  const compiler = (Packer as unknown as { compiler?: { compile?: unknown } }).compiler;
  return typeof compiler?.compile === "function" ? (compiler.compile.bind(compiler) as Compile) : undefined;
}

function refuse(problems: readonly string[]): void {
  if (problems.length > 0) throw new AnnexValidityError(problems);
}

export async function packDocx(document: Document, properties: CoreProperties, issueDate: string | null): Promise<PackedDocx> {
  const overrides = [{ path: "docProps/core.xml", data: coreXml(properties, issueDate) }];
  const compile = docxCompiler();
  if (compile !== undefined) {
    const parts = compile(document, undefined, overrides);
    refuse(partsProblems(parts));
    const encoder = new TextEncoder();
    const files = Object.fromEntries([...parts].map(([path, data]) => [path, typeof data === "string" ? encoder.encode(data) : data]));
    return { bytes: zipSync(files, { mtime: ZIP_DATE }), parts: [...parts.keys()] };
  }
  const realNow = Date.now;
  let packed: Promise<Buffer>;
  Date.now = () => ZIP_DATE;
  try {
    packed = Packer.toBuffer(document, false, overrides);
  } finally {
    Date.now = realNow;
  }
  const buffer = await packed;
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  refuse(docxProblems(bytes));
  return { bytes, parts: [] };
}
