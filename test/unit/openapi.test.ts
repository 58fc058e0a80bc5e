import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../api/openapi/openapiDocument.js';

/** Every `$ref` string in `node`, with where it stands. */
function refs(node: unknown, at = '#'): [string, string][] {
  if (Array.isArray(node)) return node.flatMap((item, i) => refs(item, `${at}/${i}`));
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' ? [[at, value] as [string, string]] : refs(value, `${at}/${key}`));
}

function resolves(ref: string): boolean {
  let node: unknown = openApiDocument;
  for (const part of ref.replace(/^#\//, '').split('/')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return true;
}

describe('the OpenAPI document', () => {
  it('has no reference to a component it does not define', () => {
    expect(refs(openApiDocument).filter(([, ref]) => !resolves(ref))).toEqual([]);
  });
});
