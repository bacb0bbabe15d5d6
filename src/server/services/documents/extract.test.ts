import mammoth from "mammoth";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ValidationError } from "../../errors";
import { chunkText, CHUNK_CHARACTERS } from "./chunk";
import { UnreadableDocumentError, UnsupportedFileTypeError } from "./errors";
import { extractDocumentText, htmlToMarkdownText, MAX_DOCX_UNPACKED_BYTES } from "./extract";
import { checkFileHead, checkFileName } from "./file-check";
import { splitMarkdownSections } from "./markdown-sections";
import { makeDocx, makePdf, makeZip } from "./test-fixtures";
import { listZipEntries, readZipEntries, storedZip, ZipFormatError, ZipTooLargeError } from "./zip-inspect";

const text = (value: string) => new TextEncoder().encode(value);

afterEach(() => {
  vi.restoreAllMocks();
});

async function failureOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof UnreadableDocumentError)) throw new Error(`expected an UnreadableDocumentError, got ${String(error)}`);
  return error.message;
}

describe("file checks before storing", () => {
  it("accepts the four kinds by extension and refuses the rest", () => {
    expect(checkFileName("Handbook.PDF")).toMatchObject({ kind: "pdf", displayName: "Handbook.PDF", mimeType: "application/pdf" });
    expect(checkFileName("C:\\Users\\me\\notes.md").displayName).toBe("notes.md");
    expect(checkFileName("a.docx").kind).toBe("docx");
    expect(checkFileName("a.txt").kind).toBe("txt");
    for (const name of ["setup.exe", "photo.png", "archive.zip", "pdf", ".pdf", "report.pdf.exe", "old.doc"]) {
      expect(() => checkFileName(name), name).toThrow(UnsupportedFileTypeError);
    }
    expect(() => checkFileName("")).toThrow(ValidationError);
    expect(() => checkFileName(`${"x".repeat(201)}.txt`)).toThrow("Use a file name of at most 200 characters.");
  });

  it("compares the first bytes with the extension", () => {
    expect(() => checkFileHead("pdf", makePdf(["x"]))).not.toThrow();
    expect(() => checkFileHead("pdf", text("MZ\u0090\u0000 an exe"))).toThrow("This file is not a PDF: its content does not match the .pdf extension.");
    expect(() => checkFileHead("pdf", text("just text"))).toThrow(UnsupportedFileTypeError);
    expect(() => checkFileHead("docx", makeDocx([{ text: "x" }]))).not.toThrow();
    expect(() => checkFileHead("docx", makePdf(["x"]))).toThrow("This file is not a Word document: its content does not match the .docx extension.");
    expect(() => checkFileHead("txt", text("plain words"))).not.toThrow();
    expect(() => checkFileHead("md", makePdf(["x"]))).toThrow("This file is not plain text. Save it as UTF-8 text and upload it again.");
    expect(() => checkFileHead("txt", new Uint8Array([0x68, 0x00, 0x69, 0x00]))).toThrow(UnsupportedFileTypeError);
    expect(() => checkFileHead("txt", new Uint8Array())).toThrow("The file is empty.");
  });
});

describe("text extraction", () => {
  it("reads a PDF page by page, keeping page numbers", async () => {
    const extracted = await extractDocumentText("pdf", makePdf(["Travel policy (2026)", "", "Expenses are paid monthly."]));
    expect(extracted.pageCount).toBe(3);
    expect(extracted.units).toEqual([
      { text: "Travel policy (2026)", page: 1, section: null },
      { text: "Expenses are paid monthly.", page: 3, section: null },
    ]);
  });

  it("explains a damaged PDF and a PDF without text", async () => {
    const damaged = makePdf(["Hello"]).slice(0, 60);
    expect(await failureOf(extractDocumentText("pdf", damaged))).toBe("This PDF could not be read. It may be damaged.");
    expect(await failureOf(extractDocumentText("pdf", text("%PDF-1.7\nnot really a pdf")))).toBe("This PDF could not be read. It may be damaged.");
    expect(await failureOf(extractDocumentText("pdf", makePdf(["", ""])))).toBe(
      "No text was found in this PDF. Scanned pages need text recognition (OCR), which is not supported yet.",
    );
  });

  it("reads a Word file with its headings as sections", async () => {
    const docx = makeDocx([
      { text: "Employee handbook", heading: 1 },
      { text: "Welcome to the team." },
      { text: "Leave & holidays", heading: 2 },
      { text: "Everyone gets 20 days <paid> leave." },
    ]);
    const { units, pageCount } = await extractDocumentText("docx", docx);
    expect(pageCount).toBeNull();
    expect(units).toEqual([
      { text: "# Employee handbook\n\nWelcome to the team.", page: null, section: "Employee handbook" },
      { text: "## Leave & holidays\n\nEveryone gets 20 days <paid> leave.", page: null, section: "Employee handbook › Leave & holidays" },
    ]);
  });

  it("refuses zips that are not Word documents, damaged ones, and ones that would unpack too far", async () => {
    expect(await failureOf(extractDocumentText("docx", makeZip({ "xl/workbook.xml": "<workbook/>" })))).toBe(
      "This file is not a Word document (.docx).",
    );
    expect(await failureOf(extractDocumentText("docx", makeDocx([{ text: "x" }]).slice(0, 100)))).toBe(
      "This Word file could not be read. It may be damaged or in the older .doc format.",
    );
    // A central directory that declares more than the limit is refused before anything is inflated.
    const bomb = makeDocx([{ text: "x" }]);
    const view = new DataView(bomb.buffer);
    for (let i = 0; i < bomb.byteLength - 4; i++) {
      if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, MAX_DOCX_UNPACKED_BYTES, true);
    }
    expect(await failureOf(extractDocumentText("docx", bomb))).toBe("This Word file unpacks to more than 200 MB, which is not allowed.");
  });

  it("refuses a zip bomb whose declared sizes lie, without inflating past the declared size or calling mammoth", async () => {
    // 16 MB of text that deflates to a few KB, declared as 1 KB.
    const bomb = makeDocx([{ text: "A".repeat(16 * 1024 * 1024) }]);
    expect(bomb.byteLength).toBeLessThan(100_000);
    const view = new DataView(bomb.buffer);
    const documentEntry = listZipEntries(bomb).find((entry) => entry.name === "word/document.xml")!;
    let patched = 0;
    for (let i = 0; i < bomb.byteLength - 4; i++) {
      if (view.getUint32(i, true) === 0x02014b50 && view.getUint32(i + 42, true) === documentEntry.localHeaderOffset) {
        view.setUint32(i + 24, 1_000, true);
        patched++;
      }
    }
    expect(patched).toBe(1);
    const lying = listZipEntries(bomb).find((entry) => entry.name === "word/document.xml")!;
    expect(lying.uncompressedSize).toBe(1_000);

    // zlib stops one byte past the declaration, however big the cap the caller allows.
    expect(() => readZipEntries(bomb, [lying], 1024 * 1024 * 1024)).toThrow("entry inflates past its declared size");
    const convert = vi.spyOn(mammoth, "convertToHtml");
    expect(await failureOf(extractDocumentText("docx", bomb))).toBe("This Word file could not be read. It may be damaged or in the older .doc format.");
    expect(convert).not.toHaveBeenCalled();
  });

  it("refuses a Word file whose text parts really unpack past the cap", async () => {
    const docx = makeDocx([{ text: "B".repeat(64 * 1024) }]);
    const entries = listZipEntries(docx);
    expect(() => readZipEntries(docx, entries, 32 * 1024)).toThrow(ZipTooLargeError);
    expect(await failureOf(extractDocumentText("docx", docx, { maxDocxXmlBytes: 32 * 1024 }))).toBe(
      "This Word file could not be read. It may be damaged or in the older .doc format.",
    );
    expect((await extractDocumentText("docx", docx, { maxDocxXmlBytes: 1024 * 1024 })).units[0]?.text).toContain("BBBB");
  });

  it("hands mammoth only the XML parts, inflated and repacked, so images and other parts are never unpacked", async () => {
    const docx = makeDocx([{ text: "With a picture." }]);
    const parts = readZipEntries(docx, listZipEntries(docx), 1024 * 1024);
    const withImage = makeZip({ ...Object.fromEntries(parts), "word/media/image1.png": new Uint8Array(4096).fill(7) });
    const convert = vi.spyOn(mammoth, "convertToHtml");
    const { units } = await extractDocumentText("docx", withImage);
    expect(units.map((u) => u.text)).toEqual(["With a picture."]);
    expect(convert).toHaveBeenCalledTimes(1);

    const repacked = storedZip(parts);
    const entries = listZipEntries(repacked);
    expect(entries.every((entry) => entry.method === 0)).toBe(true);
    expect([...readZipEntries(repacked, entries, 1024 * 1024)]).toEqual([...parts]);
    // The same name twice is not a package anyone wrote honestly.
    const twice = listZipEntries(repacked);
    expect(() => readZipEntries(repacked, [...twice, twice[0]!], 1024 * 1024)).toThrow(ZipFormatError);
  });

  it("reads text and Markdown with headings as sections, ignoring # lines in code", async () => {
    const md = "\uFEFFIntro line\r\n\r\n# Setup\n\nInstall it.\n\n```sh\n# not a heading\n```\n\n## Linux\n\nUse apt.\n\nFAQ\n===\n\nAsk us.";
    const { units } = await extractDocumentText("md", text(md));
    expect(units.map((u) => u.section)).toEqual([null, "Setup", "Setup › Linux", "FAQ"]);
    expect(units[1]?.text).toContain("# not a heading");
    expect((await extractDocumentText("txt", text("one\ntwo"))).units).toEqual([{ text: "one\ntwo", page: null, section: null }]);
  });

  it("explains empty and non-UTF-8 text", async () => {
    expect(await failureOf(extractDocumentText("txt", text(" \n\n\t ")))).toBe("This document contains no text.");
    expect(await failureOf(extractDocumentText("txt", new Uint8Array([0x66, 0xff, 0xfe, 0x41])))).toBe(
      "This text file is not valid UTF-8. Save it as UTF-8 and upload it again.",
    );
  });

  it("turns mammoth's HTML into Markdown-like text", () => {
    expect(htmlToMarkdownText("<h1>A &amp; B</h1><p>x&lt;y &#x41;&#66;</p><ul><li>one</li><li>two</li></ul>")).toBe(
      "\n\n# A & B\n\nx<y AB\n\n\n- one\n\n\n- two\n\n\n\n",
    );
  });

  it("labels sections by their heading trail", () => {
    expect(splitMarkdownSections("# A\n\n## B\n\ntext\n\n# C\n\nmore").map((s) => s.section)).toEqual(["A", "A › B", "C"]);
  });
});

describe("chunking", () => {
  const sentence = (n: number) => `Sentence number ${n} talks about the policy in some detail.`;

  it("makes ~3,000-character chunks with overlap, each with the page that holds most of it", async () => {
    const page1 = Array.from({ length: 80 }, (_, i) => sentence(i)).join(" ");
    const page2 = Array.from({ length: 80 }, (_, i) => sentence(100 + i)).join(" ");
    const chunks = await chunkText({
      units: [
        { text: page1, page: 1, section: null },
        { text: page2, page: 2, section: null },
      ],
      pageCount: 2,
    });
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    expect(chunks.map((c) => c.index)).toEqual(chunks.map((_, i) => i));
    for (const chunk of chunks) {
      expect(chunk.content.length).toBeLessThanOrEqual(CHUNK_CHARACTERS);
      expect(chunk.tokenCount).toBe(Math.ceil(chunk.content.length / 4));
    }
    expect(chunks[0]?.page).toBe(1);
    expect(chunks.at(-1)?.page).toBe(2);
    // Every chunk is labelled with the page its text comes from.
    for (const chunk of chunks) {
      const fromPage = chunk.page === 1 ? page1 : page2;
      const longest = chunk.content.split("\n\n").sort((a, b) => b.length - a.length)[0] ?? "";
      expect(fromPage).toContain(longest);
    }
    // Neighbouring chunks share text (the overlap).
    const [first, second] = chunks;
    const tail = first?.content.slice(-200) ?? "";
    expect(second?.content).toContain(tail.slice(tail.indexOf(" ") + 1, tail.indexOf(" ") + 60));
  });

  it("keeps each chunk's section", async () => {
    const long = Array.from({ length: 120 }, (_, i) => sentence(i)).join(" ");
    const chunks = await chunkText({
      units: [
        { text: "# Intro\n\nShort intro.", page: null, section: "Intro" },
        { text: `## Travel\n\n${long}`, page: null, section: "Intro › Travel" },
      ],
      pageCount: null,
    });
    expect(chunks[0]?.section).toBe("Intro");
    expect(chunks.slice(1).every((c) => c.section === "Intro › Travel")).toBe(true);
    expect(chunks.length).toBeGreaterThan(2);
  });
});
