/**
 * Array parameters of raw SQL run through MikroORM's `execute`: it inlines a JS array as a comma-separated
 * list, not as one PostgreSQL array, so arrays are bound as one JSON text (`arrayParam`) and unpacked here.
 */
export const TEXT_ARRAY_PARAM = 'array(select jsonb_array_elements_text(?::jsonb))';
export const INT_ARRAY_PARAM = `${TEXT_ARRAY_PARAM}::int[]`;

/** The bound value for TEXT_ARRAY_PARAM / INT_ARRAY_PARAM. */
export const arrayParam = (values: readonly (string | number)[]): string => JSON.stringify(values);
