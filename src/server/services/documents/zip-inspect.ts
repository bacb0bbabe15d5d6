import { crc32, inflateRawSync } from "node:zlib";

/**
 * Reads a zip's central directory (names and declared sizes) without unpacking
 * anything, so a .docx can be refused before mammoth inflates it: a package that
 * is not a Word document, or one that would unpack to an unreasonable size (a zip
 * bomb would take the server's memory with it).
 *
 * The declared sizes are the sender's word, so the parts that are read are then
 * inflated here with a hard cap on the output (readZipEntries) and handed on in a
 * fresh, uncompressed package (storedZip): whatever a zip claims, nothing inflates
 * past the cap.
 */
export type ZipEntry = {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  /** 0 stored, 8 deflated. */
  method: number;
  flags: number;
  localHeaderOffset: number;
};

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;

export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZipFormatError";
  }
}

export function listZipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lowest = Math.max(0, bytes.byteLength - EOCD_MIN - MAX_COMMENT);
  let eocd = -1;
  for (let i = bytes.byteLength - EOCD_MIN; i >= lowest; i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError("no end of central directory");
  const count = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw new ZipFormatError("zip64 is not supported");
  if (directoryOffset + directorySize > eocd) throw new ZipFormatError("central directory out of range");

  const entries: ZipEntry[] = [];
  let offset = directoryOffset;
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (offset + 46 > eocd || view.getUint32(offset, true) !== CENTRAL_SIGNATURE) throw new ZipFormatError("bad central directory entry");
    const flags = view.getUint16(offset + 8, true);
    const method = view.getUint16(offset + 10, true);
    const compressedSize = view.getUint32(offset + 20, true);
    const uncompressedSize = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const localHeaderOffset = view.getUint32(offset + 42, true);
    if (offset + 46 + nameLength > eocd) throw new ZipFormatError("bad entry name");
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    entries.push({ name, compressedSize, uncompressedSize, method, flags, localHeaderOffset });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Unpacking would go past the caller's limit (whatever the zip declared). */
export class ZipTooLargeError extends ZipFormatError {
  constructor(message: string) {
    super(message);
    this.name = "ZipTooLargeError";
  }
}

/**
 * Inflates `entries` of the zip in `bytes`, together at most `maxTotalBytes`, and
 * never more of an entry than its declared size: a zip whose sizes lie is damaged
 * (or hostile) and refused. zlib stops at `maxOutputLength`, so the cap holds
 * while inflating, not after.
 */
export function readZipEntries(bytes: Uint8Array, entries: readonly ZipEntry[], maxTotalBytes: number): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const files = new Map<string, Uint8Array>();
  let budget = maxTotalBytes;
  for (const entry of entries) {
    if (files.has(entry.name)) throw new ZipFormatError(`duplicate entry ${entry.name}`);
    // Bit 0: encrypted; no password could be given anyway.
    if (entry.flags & 1) throw new ZipFormatError("encrypted entry");
    if (entry.uncompressedSize > budget) throw new ZipTooLargeError("declared size over the limit");
    const at = entry.localHeaderOffset;
    if (at + 30 > bytes.byteLength || view.getUint32(at, true) !== LOCAL_SIGNATURE) throw new ZipFormatError("bad local header");
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const end = start + entry.compressedSize;
    if (end > bytes.byteLength) throw new ZipFormatError("entry data out of range");
    const data = bytes.subarray(start, end);
    let content: Uint8Array;
    if (entry.method === 0) {
      content = data.slice();
    } else if (entry.method === 8) {
      try {
        // One byte more than declared is enough to catch a lie without inflating further.
        content = new Uint8Array(inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize + 1) }));
      } catch (error) {
        if (error instanceof RangeError) throw new ZipFormatError("entry inflates past its declared size");
        throw new ZipFormatError("entry does not inflate");
      }
    } else {
      throw new ZipFormatError(`compression method ${entry.method} is not supported`);
    }
    if (content.byteLength !== entry.uncompressedSize) throw new ZipFormatError("entry size differs from its declared size");
    budget -= content.byteLength;
    files.set(entry.name, content);
  }
  return files;
}

/** A zip of `files`, uncompressed (what mammoth then opens holds exactly the bytes read above). */
export function storedZip(files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const nameBytes = encoder.encode(name);
    const crc = crc32(data) >>> 0;
    const local = new Uint8Array(30 + nameBytes.byteLength);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, LOCAL_SIGNATURE, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x0800, true); // names are UTF-8
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.byteLength, true);
    lv.setUint32(22, data.byteLength, true);
    lv.setUint16(26, nameBytes.byteLength, true);
    local.set(nameBytes, 30);
    const central = new Uint8Array(46 + nameBytes.byteLength);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, CENTRAL_SIGNATURE, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.byteLength, true);
    cv.setUint32(24, data.byteLength, true);
    cv.setUint16(28, nameBytes.byteLength, true);
    cv.setUint32(42, offset, true);
    central.set(nameBytes, 46);
    parts.push(local, data);
    centrals.push(central);
    offset += local.byteLength + data.byteLength;
  }
  const directorySize = centrals.reduce((sum, central) => sum + central.byteLength, 0);
  const end = new Uint8Array(EOCD_MIN);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, EOCD_SIGNATURE, true);
  ev.setUint16(8, centrals.length, true);
  ev.setUint16(10, centrals.length, true);
  ev.setUint32(12, directorySize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + directorySize + end.byteLength);
  let at = 0;
  for (const part of [...parts, ...centrals, end]) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}
