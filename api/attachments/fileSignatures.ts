/**
 * Magic numbers of the file types people upload, so a file's bytes must be what its declared
 * type says (a script renamed to .png is refused). Types without an entry here are taken as declared.
 */
const SIGNATURES: Record<string, (head: Buffer) => boolean> = {
  'image/jpeg': (head) => startsWith(head, [0xff, 0xd8, 0xff]),
  'image/png': (head) => startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/webp': (head) => head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP',
  'image/gif': (head) => ['GIF87a', 'GIF89a'].includes(head.toString('latin1', 0, 6)),
  'application/pdf': (head) => head.toString('latin1', 0, 5) === '%PDF-',
  // Office Open XML documents are zip archives; a non-empty zip starts with a local file header.
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': isZip,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': isZip,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': isZip,
  'application/zip': isZip,
};

/** How many leading bytes `matchesSignature` needs to decide. */
export const SIGNATURE_BYTES = 12;

function startsWith(head: Buffer, bytes: number[]): boolean {
  return head.length >= bytes.length && bytes.every((byte, i) => head[i] === byte);
}

function isZip(head: Buffer): boolean {
  return startsWith(head, [0x50, 0x4b, 0x03, 0x04]);
}

/**
 * Whether a file starting with `head` (its first `SIGNATURE_BYTES` bytes, or all of a shorter file)
 * can be of `contentType`. True for types whose signature is not known.
 */
export function matchesSignature(contentType: string, head: Buffer): boolean {
  const check = SIGNATURES[contentType];
  return check === undefined || check(head);
}

/** Raster images a browser may show inline; never SVG, which can carry script. */
export function isInlineImage(contentType: string): boolean {
  return ['image/jpeg', 'image/png', 'image/webp', 'image/gif'].includes(contentType);
}
