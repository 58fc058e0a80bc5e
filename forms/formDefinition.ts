/** Languages every form is labelled in. */
export type Locale = 'zh-CN' | 'en';

/** The locales, in the order the UI offers them. */
export const locales: readonly Locale[] = ['zh-CN', 'en'];

/**
 * One versioned record form: the JSON Schema that validates it (server and browser use the same
 * one), the JSON Forms UI schema that lays it out, and the JSON Forms i18n dictionary per locale.
 */
export interface FormDefinition {
  /** Stable key, e.g. `regrade-proposal`; stored with every record. */
  key: string;
  /** Bumped whenever the schema changes incompatibly; stored with every record. */
  version: number;
  title: Record<Locale, string>;
  /** JSON Schema draft-07. */
  schema: object;
  /** JSON Forms UI schema (layouts and `Control`s scoped `#/properties/...`). */
  uischema: object;
  /**
   * JSON Forms i18n keys: `<prop>.label`, `<prop>.description`, enum labels `<prop>.<value>`,
   * nested fields `<array>.<prop>.label`, and optional custom messages `<prop>.error.<keyword>`.
   */
  i18n: Record<Locale, Record<string, string>>;
}

/** One validation failure, addressed by JSON pointer to the offending field. */
export interface FieldError {
  /** JSON pointer, e.g. `/proposedTier` or `/recentVolumes/0/cartons`. */
  path: string;
  /** Human message in the requested locale, prefixed with the field label when known. */
  message: string;
}
