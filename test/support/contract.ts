import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { openApiDocument } from '../../api/openapi/openapiDocument.js';

type Node = Record<string, any>;
const doc = openApiDocument as unknown as Node;
const DOC_ID = 'openapi';

/** JSON-pointer escaping of one path segment. */
const escape = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

/** The documented paths as patterns: `/api/tasks/{id}` matches `/api/tasks/<anything but a slash>`. */
const templates = Object.keys(doc.paths as Node).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
  literal: !template.includes('{'),
}));

/** The documented path of a request path; a literal path wins over a template (`/api/tasks/counts` over `/api/tasks/{id}`). */
export function documentedPath(path: string): string | undefined {
  const matches = templates.filter((t) => t.pattern.test(path));
  return (matches.find((t) => t.literal) ?? matches[0])?.template;
}

let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

function validatorAt(pointer: string): ValidateFunction {
  let validate = validators.get(pointer);
  if (!validate) {
    if (!ajv) {
      // OpenAPI 3.1 schemas are JSON Schema 2020-12; its own keywords (example, discriminator…) are not ours to check.
      ajv = new Ajv2020({ strict: false, allErrors: true });
      addFormats.default(ajv);
      // RFC 3339 as JSON carries it (`2026-12-07T08:00:00.000Z`), not PostgreSQL's text (`2026-12-07 08:00:00+00`).
      ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
      ajv.addSchema(doc, DOC_ID);
    }
    validate = ajv.compile({ $ref: `${DOC_ID}#${pointer}` });
    validators.set(pointer, validate);
  }
  return validate;
}

/** Follows a `#/components/…` reference inside the document. */
function deref(node: Node): Node {
  if (typeof node?.$ref !== 'string') return node;
  return (node.$ref as string).replace(/^#\//, '').split('/').reduce((at: Node, part) => at?.[part], doc);
}

/**
 * What is wrong with an answer by the API's own document: an undocumented path, method or status, or a JSON
 * body that its documented schema refuses. Empty when the answer is as documented.
 */
export function contractViolations(method: string, url: string, status: number, contentType: string | null, body: unknown): string[] {
  const path = new URL(url, 'http://localhost').pathname;
  const template = documentedPath(path);
  const where = `${method.toUpperCase()} ${path} → ${status}`;
  // Unknown routes answer 404, as the document's description says.
  if (!template) return status === 404 ? [] : [`${where}: the path is not in the OpenAPI document`];
  const operation = (doc.paths as Node)[template][method.toLowerCase()];
  if (!operation) return [`${where}: ${method.toUpperCase()} ${template} is not in the OpenAPI document`];
  const code = String(status);
  const response = operation.responses[code] ? deref(operation.responses[code]) : undefined;
  if (!response) return [`${where}: status ${code} is not documented for ${method.toUpperCase()} ${template}`];
  if (!contentType?.includes('application/json') || body === null) return [];
  const responseRef = operation.responses[code].$ref as string | undefined;
  const pointer = responseRef
    ? `${responseRef.slice(1)}/content/application~1json/schema`
    : `/paths/${escape(template)}/${method.toLowerCase()}/responses/${code}/content/application~1json/schema`;
  if (!response.content?.['application/json']?.schema) return [`${where}: a JSON body is not documented`];
  const validate = validatorAt(pointer);
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${where}: body${e.instancePath} ${e.message} (${e.schemaPath})`);
}
