/**
 * A docx Document → the bytes of the .docx file, the same bytes for the same document. `docx` stamps the
 * clock in two places: the creation and modification dates of docProps/core.xml, and the date of every zip
 * entry. Clausier writes core.xml itself (dated with the tender's issue date, or undated), and holds
 * Date.now at a fixed instant while `docx` zips, which it does synchronously inside Packer.toBuffer. The
 * byte-equality tests (test/annex.test.ts) catch a docx upgrade that would change either.
 */
import { Packer, type Document } from "docx";

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

export async function packDocx(document: Document, properties: CoreProperties, issueDate: string | null): Promise<Uint8Array> {
  const overrides = [{ path: "docProps/core.xml", data: coreXml(properties, issueDate) }];
  const realNow = Date.now;
  let packed: Promise<Buffer>;
  Date.now = () => ZIP_DATE;
  try {
    packed = Packer.toBuffer(document, false, overrides);
  } finally {
    Date.now = realNow;
  }
  const buffer = await packed;
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
