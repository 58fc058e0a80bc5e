import { createAjv, type JsonSchema, type UISchemaElement } from '@jsonforms/core';
import { materialCells, materialRenderers } from '@jsonforms/material-renderers';
import { JsonForms } from '@jsonforms/react';
import type { ErrorObject } from 'ajv';
import Box from '@mui/material/Box';
import { useMemo } from 'react';
import type { FieldError } from '../api';
import type { Locale } from '../messages';
import type { FormDefinition } from '../types';
import { ArrayTableRenderer, arrayTableTester } from './ArrayTableRenderer';
import { AttachmentsRenderer, attachmentsTester } from './AttachmentsRenderer';
import { UserPickerRenderer, userPickerTester } from './UserPickerRenderer';
import { CustomerPickerRenderer, customerPickerTester } from './CustomerPickerRenderer';
import { LocationRenderer, locationTester } from './LocationRenderer';
import { formI18n } from './formI18n';
import { pickerFormat } from './pickerLocales';

const renderers = [
  ...materialRenderers,
  { tester: arrayTableTester, renderer: ArrayTableRenderer },
  { tester: attachmentsTester, renderer: AttachmentsRenderer },
  { tester: userPickerTester, renderer: UserPickerRenderer },
  { tester: customerPickerTester, renderer: CustomerPickerRenderer },
  { tester: locationTester, renderer: LocationRenderer },
];
// The schemas are the server's own forms, each compiled in Ajv's strict mode by the server's validator
// (forms/validate.ts, every form in test/unit/forms.test.ts). Checking them against the meta-schema again
// here compiled the meta-schema on each page's first form: some 100 ms of a phone's CPU before its first field.
const ajv = createAjv({ allErrors: true, verbose: true, validateSchema: false });
// The server's own format for uploaded files' ids (see forms/attachmentFields.ts).
ajv.addFormat('attachment', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const NO_FIELDS: string[] = [];
const NO_ERRORS: FieldError[] = [];

/** The server's field errors in the shape JSON Forms places next to the fields. */
function serverErrors(errors: FieldError[]): ErrorObject[] {
  return errors.map((e) => ({ instancePath: e.path, message: e.message, keyword: 'server', schemaPath: '#', params: {} }));
}

/** Removes the controls of `hidden` properties (e.g. `outcome`, chosen with buttons instead). */
function withoutControls(element: UISchemaElement, hidden: string[]): UISchemaElement {
  const withElements = element as UISchemaElement & { elements?: UISchemaElement[] };
  if (!withElements.elements) return element;
  return {
    ...withElements,
    elements: withElements.elements
      .filter((child) => !hidden.some((key) => (child as { scope?: string }).scope === `#/properties/${key}`))
      .map((child) => withoutControls(child, hidden)),
  } as UISchemaElement;
}

/** Client-side check with the same schema the server uses; the field errors, if any. */
export function validateForm(schema: object, data: unknown): ErrorObject[] {
  const validate = ajv.compile(schema);
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

export interface FormViewProps {
  form: FormDefinition;
  locale: Locale;
  data: Record<string, unknown>;
  onChange?(data: Record<string, unknown>): void;
  /** Errors are shown once the user has tried to submit (see useFormData for why data and errors change together). */
  showErrors: boolean;
  fieldErrors?: FieldError[];
  readonly?: boolean;
  hiddenFields?: string[];
  /** The task the form completes: files uploaded here belong to its process at once. */
  taskId?: string;
}

/** A record form rendered by JSON Forms from its own schema, UI schema and dictionary. */
export default function FormView({ form, locale, data, onChange, showErrors, fieldErrors = NO_ERRORS, readonly, hiddenFields = NO_FIELDS, taskId }: FormViewProps) {
  const i18n = useMemo(() => formI18n(locale, form.i18n[locale] ?? {}), [locale, form]);
  const uischema = useMemo(() => withoutControls(form.uischema as unknown as UISchemaElement, hiddenFields), [form, hiddenFields]);
  const additionalErrors = useMemo(() => serverErrors(fieldErrors), [fieldErrors]);
  // The stock date controls read their display formats from the config (a form's UI schema may still set its own).
  const config = useMemo(() => ({
    ...(taskId ? { taskId } : {}),
    dateFormat: pickerFormat(locale, 'date'),
    dateTimeFormat: pickerFormat(locale, 'dateTime'),
  }), [taskId, locale]);
  return (
    // A field shows its description while it has focus and its error after, on one line kept for
    // either, so the buttons below do not jump away from a click that blurs the field.
    // On a phone the fields of a horizontal layout stack: two side by side leave each too narrow to read.
    <Box sx={(theme) => ({
      '& .MuiFormControl-root > p.MuiFormHelperText-root:first-of-type': { minHeight: '1.66em' },
      '& .MuiFormControl-root > p.MuiFormHelperText-root:nth-of-type(2)': { display: 'none' },
      [theme.breakpoints.down('sm')]: { '& .MuiGrid-direction-xs-row': { flexDirection: 'column', flexWrap: 'nowrap' } },
    })}>
    <JsonForms
      schema={form.schema as JsonSchema}
      uischema={uischema}
      data={data}
      renderers={renderers}
      cells={materialCells}
      ajv={ajv}
      i18n={i18n}
      readonly={readonly}
      config={config}
      validationMode={showErrors ? 'ValidateAndShow' : 'ValidateAndHide'}
      additionalErrors={additionalErrors}
      onChange={({ data: next }) => onChange?.(next as Record<string, unknown>)}
    />
    </Box>
  );
}
