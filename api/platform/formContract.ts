/** The JSON the form routes give: schemas that document (OpenAPI) and type (server and web) it. */
import type { FromSchema } from 'json-schema-to-ts';
import type { FormDefinition as RegisteredForm } from '../../forms/formDefinition.js';
import { localizedText } from '../openapi/helpers.js';

export const formDefinitionSchema = {
  type: 'object',
  description: 'One versioned form: the same JSON Schema validates on server and browser.',
  required: ['key', 'version', 'title', 'schema', 'uischema', 'i18n'],
  properties: {
    key: { type: 'string', description: 'A `FormKey`.' },
    version: { type: 'integer', minimum: 1, description: 'Stored with every record.' },
    title: localizedText,
    schema: { type: 'object', description: 'JSON Schema draft-07 of the form data.' },
    uischema: { type: 'object', description: 'JSON Forms UI schema.' },
    i18n: {
      type: 'object',
      description: 'JSON Forms i18n dictionary per locale (`<prop>.label`, `<prop>.description`, `<prop>.<enumValue>`, ...).',
      required: ['zh-CN', 'en'],
      properties: {
        'zh-CN': { type: 'object', additionalProperties: { type: 'string' } },
        en: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
  },
} as const;
export type FormDefinition = FromSchema<typeof formDefinitionSchema>;

/** A registered form as the API gives it (`GET /api/forms/{key}`). */
export function formJson({ key, version, title, schema, uischema, i18n }: RegisteredForm) {
  return { key, version, title, schema, uischema, i18n };
}
