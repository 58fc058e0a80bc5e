import { optionIs, rankWith, type ControlProps, type RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps } from '@jsonforms/react';
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import { api, queryString } from '../api';
import { customerLabel } from '../labels';
import type { Customer, Page } from '../types';

/** A customer id field (`options.picker: 'customer'`): search the customers the user may see by name or code. */
export const customerPickerTester: RankedTester = rankWith(10, optionIs('picker', 'customer'));

type Option = Pick<Customer, 'id' | 'name' | 'code'>;

function CustomerPicker({ data, handleChange, path, label: fieldLabel, enabled, errors, visible, required, id }: ControlProps) {
  const [input, setInput] = useState('');
  const [options, setOptions] = useState<Option[]>([]);
  const [chosen, setChosen] = useState<Option | null>(null);
  const value = typeof data === 'number' ? data : null;

  // The chosen customer's name, also for an id that came with the page's address.
  useEffect(() => {
    if (value === null || chosen?.id === value) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A customer the user may not read (another team's) keeps its number; a failed read is tried again.
    const load = (attempt: number) => {
      api<Customer>(`/customers/${value}`).then((c) => { if (live) setChosen(c); }, () => {
        if (!live) return;
        if (attempt < 3) timer = setTimeout(() => load(attempt + 1), 1000);
        else setChosen({ id: value, name: `#${value}`, code: '' });
      });
    };
    load(1);
    return () => { live = false; clearTimeout(timer); };
  }, [value, chosen]);

  // The customers matching what is typed (the first page of them), a moment after typing stops.
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api<Page<Customer>>(`/customers${queryString({ q: input || undefined, size: 20 })}`, { signal: controller.signal })
        .then((page) => setOptions(page.items), () => undefined);
    }, 250);
    return () => { clearTimeout(timer); controller.abort(); };
  }, [input]);

  if (!visible) return null;
  const current = value === null ? null : chosen?.id === value ? chosen : { id: value, name: `#${value}`, code: '' };
  return (
    <Autocomplete
      id={id} disabled={!enabled} value={current} options={current && !options.some((o) => o.id === current.id) ? [current, ...options] : options}
      filterOptions={(all) => all} getOptionLabel={customerLabel} isOptionEqualToValue={(a, b) => a.id === b.id}
      onInputChange={(_, text, reason) => { if (reason === 'input') setInput(text); }}
      onChange={(_, option) => { setChosen(option); handleChange(path, option?.id); }}
      renderInput={(params) => (
        <TextField {...params} margin="dense" label={fieldLabel} required={required} error={!!errors} helperText={errors || ' '} />
      )}
    />
  );
}

export const CustomerPickerRenderer = withJsonFormsControlProps(CustomerPicker);
