import { describe, expect, it } from 'vitest';
import { contentDisposition } from '../../api/attachments/attachmentRoutes.js';
import { matchesSignature } from '../../api/attachments/fileSignatures.js';
import { attachmentIds, attachmentRefs } from '../../forms/attachmentFields.js';
import { ConfigError, loadConfig } from '../../runtime/config.js';

const file = { type: 'string', format: 'attachment' } as const;
const files = { type: 'array', items: file, maxItems: 9 } as const;
const A = '0b6a3c1e-5f7d-4c2b-9a1e-111111111111';
const B = '0b6a3c1e-5f7d-4c2b-9a1e-222222222222';
const C = '0b6a3c1e-5f7d-4c2b-9a1e-333333333333';

describe('attachmentIds', () => {
  it('collects ids from top-level fields, arrays and nested objects, each once, in order', () => {
    const schema = {
      type: 'object',
      properties: {
        title: { type: 'string' },
        photos: files,
        plan: { type: 'object', properties: { document: file, note: { type: 'string' } } },
        rounds: { type: 'array', items: { type: 'object', properties: { evidence: files } } },
      },
    };
    const data = {
      title: A, // a plain string field, not an attachment
      photos: [A, B],
      plan: { document: C, note: B },
      rounds: [{ evidence: [B] }, { evidence: [] }],
    };
    expect(attachmentIds(schema, data)).toEqual([A, B, C]);
    expect(attachmentRefs(schema, data)).toEqual([
      { path: '/photos/0', id: A }, { path: '/photos/1', id: B }, { path: '/plan/document', id: C }, { path: '/rounds/0/evidence/0', id: B },
    ]);
  });

  it('finds nothing when the form has no attachment field or the data leaves them out', () => {
    expect(attachmentIds({ type: 'object', properties: { note: { type: 'string' } } }, { note: A })).toEqual([]);
    expect(attachmentIds({ type: 'object', properties: { photos: files } }, {})).toEqual([]);
    expect(attachmentIds({ type: 'object', properties: { photos: files } }, null)).toEqual([]);
  });

  it('skips values of the wrong shape (validation reports them) instead of failing', () => {
    const schema = { type: 'object', properties: { photos: files, plan: { type: 'object', properties: { document: file } } } };
    expect(attachmentIds(schema, { photos: 'not-an-array', plan: [C] })).toEqual([]);
    expect(attachmentIds(schema, { photos: [1, null, A] })).toEqual([A]);
  });

  it('follows local $refs, conditional branches, additionalProperties and tuples', () => {
    const schema = {
      type: 'object',
      definitions: { evidence: files },
      properties: { level: { type: 'string' }, before: { $ref: '#/definitions/evidence' }, pair: { type: 'array', items: [file, { type: 'string' }] } },
      allOf: [{ if: { properties: { level: { const: 'major' } } }, then: { properties: { plan: file } } }],
      additionalProperties: false,
    };
    expect(attachmentIds(schema, { level: 'major', before: [A], plan: B, pair: [C, A] }).sort()).toEqual([A, B, C]);
    const byKey = { type: 'object', additionalProperties: file };
    expect(attachmentRefs(byKey, { 'a/b': A })).toEqual([{ path: '/a~1b', id: A }]);
  });

  it('stops at a $ref that loops without going into the data', () => {
    const schema = { $ref: '#/definitions/self', definitions: { self: { allOf: [{ $ref: '#/definitions/self' }] } } };
    expect(attachmentIds(schema, { x: A })).toEqual([]);
  });
});

describe('file signatures', () => {
  const head = (...parts: (number[] | string)[]) =>
    Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));

  it('accepts the magic numbers of each default type and refuses others', () => {
    expect(matchesSignature('image/jpeg', head([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
    expect(matchesSignature('image/png', head([0x89], 'PNG\r\n\x1a\n'))).toBe(true);
    expect(matchesSignature('image/webp', head('RIFF', [1, 2, 3, 4], 'WEBP'))).toBe(true);
    expect(matchesSignature('image/webp', head('RIFF', [1, 2, 3, 4], 'WAVE'))).toBe(false);
    expect(matchesSignature('application/pdf', head('%PDF-1.7\n'))).toBe(true);
    const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    expect(matchesSignature(docx, head('PK', [3, 4, 20, 0]))).toBe(true);
    expect(matchesSignature(docx, head('%PDF-1.7\n'))).toBe(false);
    expect(matchesSignature('image/png', head('%PDF-1.7\n'))).toBe(false);
    expect(matchesSignature('image/jpeg', head([0xff, 0xd8]))).toBe(false);
  });

  it('takes a type it has no signature for as declared', () => {
    expect(matchesSignature('text/csv', head('a,b\n'))).toBe(true);
  });
});

describe('Content-Disposition', () => {
  it('carries the exact UTF-8 name and a safe ASCII fallback', () => {
    expect(contentDisposition('现场照片 1.png', true)).toBe(
      'inline; filename="____ 1.png"; filename*=UTF-8\'\'%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87%201.png',
    );
    expect(contentDisposition('a "quoted" (1)\'s.pdf', false)).toBe(
      'attachment; filename="a _quoted_ (1)\'s.pdf"; filename*=UTF-8\'\'a%20%22quoted%22%20%281%29%27s.pdf',
    );
  });
});

describe('attachment configuration', () => {
  it('defaults to 10 MiB of images, PDF, Word and Excel', () => {
    const { attachments } = loadConfig({});
    expect(attachments.maxBytes).toBe(10 * 1024 * 1024);
    expect(attachments.types).toEqual([
      'image/jpeg', 'image/png', 'image/webp', 'application/pdf',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
  });

  it('reads a limit and a type list, and names a bad one', () => {
    const { attachments } = loadConfig({ DUTYFLOW_ATTACHMENT_MAX_BYTES: '1024', DUTYFLOW_ATTACHMENT_TYPES: ' Image/PNG , application/pdf,' });
    expect(attachments).toEqual({ maxBytes: 1024, types: ['image/png', 'application/pdf'], store: 'local' });
    expect(() => loadConfig({ DUTYFLOW_ATTACHMENT_MAX_BYTES: '0' })).toThrow(/DUTYFLOW_ATTACHMENT_MAX_BYTES/);
    expect(() => loadConfig({ DUTYFLOW_ATTACHMENT_MAX_BYTES: '10MB' })).toThrow(ConfigError);
    expect(() => loadConfig({ DUTYFLOW_ATTACHMENT_MAX_BYTES: String(2 ** 31) })).toThrow(/DUTYFLOW_ATTACHMENT_MAX_BYTES/);
    expect(() => loadConfig({ DUTYFLOW_ATTACHMENT_TYPES: 'png' })).toThrow(/DUTYFLOW_ATTACHMENT_TYPES/);
    expect(() => loadConfig({ DUTYFLOW_ATTACHMENT_TYPES: ',' })).toThrow(/DUTYFLOW_ATTACHMENT_TYPES/);
  });
});
