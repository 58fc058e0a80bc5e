/** Small builders shared by the OpenAPI paths and components. */

export const schema = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const param = (name: string) => ({ $ref: `#/components/parameters/${name}` });
/** A shared error response; in OpenAPI 3.1 a reference may override the description. */
export const fail = (name: string, description?: string) => ({
  $ref: `#/components/responses/${name}`,
  ...(description ? { description } : {}),
});
export const nullable = <const T extends object>(s: T) => ({ oneOf: [s, { type: 'null' }] }) as const;
export const json = (description: string, body: object) => ({ description, content: { 'application/json': { schema: body } } });
/**
 * Every route behind the session check can also answer 401, 500, 503 while PostgreSQL or Temporal is
 * down, and 403 before its own rules: a password that must be changed first, a cookie write from another site.
 */
export const secured = <T extends object>(responses: T) => ({
  '403': fail('Forbidden', 'The caller may not (`password_change_required` until the password is changed; a cookie write from another site).'),
  '503': fail('Unavailable'), ...responses, '401': fail('Unauthorized'), '500': fail('Internal'),
});
/** An inline page of `items` (one paging of `?page=&size=`), typed by json-schema-to-ts like the schema it wraps. */
export const pageOf = <const T extends object>(items: T, description?: string) => ({
  type: 'object',
  ...(description ? { description } : {}),
  required: ['items', 'total', 'page', 'size'],
  additionalProperties: false,
  properties: {
    items: { type: 'array', items },
    total: { type: 'integer', minimum: 0, description: 'Matches over all pages.' },
    page: { type: 'integer', minimum: 1 },
    size: { type: 'integer', minimum: 1, maximum: 100 },
  },
}) as const;
export const page = (item: string, description: string) => ({
  type: 'object',
  description,
  required: ['items', 'total', 'page', 'size'],
  properties: {
    items: { type: 'array', items: schema(item) },
    total: { type: 'integer', minimum: 0, description: 'Matches over all pages.' },
    page: { type: 'integer', minimum: 1 },
    size: { type: 'integer', minimum: 1, maximum: 100 },
  },
});
/** `{items: [...]}` of one schema, for short unpaged lists. */
export const list = (item: string, description: string) =>
  json(description, { type: 'object', required: ['items'], properties: { items: { type: 'array', items: schema(item) } } });
export const errorBody = (description: string) => json(description, schema('Error'));

export const dateTime = { type: 'string', format: 'date-time' } as const;
/** An allocation month as the server takes it: `YYYY-MM`, from 1970-01 (activities/allocationTiers.ts). */
export const month = { type: 'string', pattern: '^(19[7-9][0-9]|[2-9][0-9]{3})-(0[1-9]|1[0-2])$' } as const;
export const uuid = { type: 'string', format: 'uuid' } as const;
export const userId = { type: 'integer', minimum: 1, description: 'A user id.' } as const;
export const localized = schema('LocalizedText');
/** A label in both languages (the `LocalizedText` component). */
export const localizedText = {
  type: 'object', required: ['zh-CN', 'en'], properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } },
} as const;

export const tags = {
  auth: ['auth'], forms: ['forms'], processes: ['processes'], instances: ['instances'],
  tasks: ['tasks'], customers: ['customers'], health: ['health'], me: ['me'], users: ['users'], config: ['config'],
  calendar: ['calendar'], attachments: ['attachments'],
  hazards: ['hazards'],
  assignments: ['assignments'],
  learning: ['learning'],
  allocation: ['allocation'],
  service: ['service'],
  settings: ['settings'],
  audit: ['audit'],
} as const;
