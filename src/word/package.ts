/**
 * A docx Document → the bytes of the .docx file, the same bytes for the same document: the creation and
 * modification dates that `docx` stamps from the clock are replaced by the tender's issue date (or left out),
 * and the zip is written again with a fixed entry date.
 */
import { Packer, type Document } from "docx";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";

/** DOS dates start in 1980; built from local components so the bytes are the same in every time zone. */
const ZIP_DATE = new Date(1980, 0, 1, 0, 0, 0);

export function fixCoreProperties(coreXml: string, issueDate: string | null): string {
  const dates = /<dcterms:(created|modified)\b[^>]*>[^<]*<\/dcterms:\1>/g;
  if (issueDate === null) return coreXml.replace(dates, "");
  return coreXml.replace(dates, (_m, which: string) => `<dcterms:${which} xsi:type="dcterms:W3CDTF">${issueDate}T00:00:00Z</dcterms:${which}>`);
}

export async function packDocx(document: Document, issueDate: string | null): Promise<Uint8Array> {
  const raw = await Packer.toBuffer(document);
  const entries = unzipSync(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength));
  const files: Zippable = {};
  for (const [name, data] of Object.entries(entries)) {
    files[name] = name === "docProps/core.xml" ? strToU8(fixCoreProperties(strFromU8(data), issueDate)) : data;
  }
  return zipSync(files, { level: 6, mtime: ZIP_DATE });
}
