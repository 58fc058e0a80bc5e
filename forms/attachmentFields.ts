/**
 * Attachment fields in form schemas: `{ type: 'string', format: 'attachment' }` holds the id of an
 * uploaded file (`POST /api/attachments`), usually inside an array, e.g.
 * `photos: { type: 'array', items: { type: 'string', format: 'attachment' }, maxItems: 9 }`.
 */
export const ATTACHMENT_FORMAT = 'attachment';

/** What the `attachment` format accepts: an attachment id (a UUID). */
export const ATTACHMENT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One attachment id in submitted data and where it stands (JSON pointer, as field errors use). */
export interface AttachmentRef {
  path: string;
  id: string;
}

type Schema = Record<string, unknown>;

/** Deeper than any form nests; stops a `$ref` that points back to itself without going into the data. */
const MAX_DEPTH = 32;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pointer(path: string, segment: string | number): string {
  return `${path}/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** A local `$ref` (`#/definitions/x`, `#/$defs/x`) resolved against the root schema. */
function resolveRef(root: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node)) return undefined;
    node = node[segment];
  }
  return isObject(node) ? node : undefined;
}

/**
 * Every attachment id in `data` with its path, in the order met: the schema is walked through
 * `properties`, `additionalProperties`, `items` (one schema or a tuple), local `$ref`s and the
 * subschemas of `allOf`/`anyOf`/`oneOf`/`then`/`else`. Values that are not strings are skipped;
 * the form's own validation has the say on them.
 */
export function attachmentRefs(schema: object, data: unknown): AttachmentRef[] {
  const root = schema as Schema;
  const found = new Map<string, AttachmentRef>();

  function walk(node: Schema, value: unknown, path: string, depth: number): void {
    if (depth > MAX_DEPTH) return;
    if (node.format === ATTACHMENT_FORMAT && typeof value === 'string') {
      found.set(`${path}\u0000${value}`, { path, id: value });
    }
    if (typeof node.$ref === 'string') {
      const target = resolveRef(root, node.$ref);
      if (target) walk(target, value, path, depth + 1);
    }
    for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = node[keyword];
      if (Array.isArray(list)) for (const sub of list) if (isObject(sub)) walk(sub, value, path, depth + 1);
    }
    for (const keyword of ['then', 'else'] as const) {
      const sub = node[keyword];
      if (isObject(sub)) walk(sub, value, path, depth + 1);
    }
    if (isObject(value)) {
      const properties = isObject(node.properties) ? node.properties : {};
      for (const [key, item] of Object.entries(value)) {
        const sub = Object.hasOwn(properties, key) ? properties[key] : node.additionalProperties;
        if (isObject(sub)) walk(sub, item, pointer(path, key), depth + 1);
      }
    }
    if (Array.isArray(value)) {
      const items = node.items;
      value.forEach((item, i) => {
        const sub = Array.isArray(items) ? (items[i] ?? node.additionalItems) : items;
        if (isObject(sub)) walk(sub, item, pointer(path, i), depth + 1);
      });
    }
  }

  walk(root, data, '', 0);
  return [...found.values()];
}

/** The attachment ids present in `data` (a form's submission) under `schema`, each once, in the order met. */
export function attachmentIds(schema: object, data: unknown): string[] {
  return [...new Set(attachmentRefs(schema, data).map((ref) => ref.id))];
}
