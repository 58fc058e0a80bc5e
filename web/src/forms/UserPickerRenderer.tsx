import { optionIs, or, rankWith, type ControlProps, type RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps } from '@jsonforms/react';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useSession } from '../session';
import { useUsers } from '../users';
import { codeLabel } from '../labels';

/**
 * A user id field (`options.picker: 'user'`), or a list of them (`'users'`, in the order chosen):
 * choose people by name and roles.
 */
export const userPickerTester: RankedTester = rankWith(10, or(optionIs('picker', 'user'), optionIs('picker', 'users')));

function UserPicker({ data, handleChange, path, label, enabled, errors, visible, required, id, uischema }: ControlProps) {
  const { t } = useSession();
  const users = useUsers();
  if (!visible) return null;
  const multiple = uischema.options?.picker === 'users';
  const value = multiple ? (Array.isArray(data) ? data : []) : typeof data === 'number' ? data : '';
  return (
    <TextField
      select fullWidth margin="dense" id={id} label={label} required={required} disabled={!enabled}
      value={value} error={!!errors} helperText={errors || ' '}
      slotProps={{ select: { multiple } }}
      onChange={(e) => {
        const chosen = e.target.value as unknown;
        if (multiple) handleChange(path, (chosen as (number | string)[]).map(Number));
        else handleChange(path, chosen === '' ? undefined : Number(chosen));
      }}
    >
      {users.map((user) => (
        <MenuItem key={user.id} value={user.id}>
          {user.displayName}（{user.roles.map((r) => codeLabel(t, 'role', r)).join('、')}）
        </MenuItem>
      ))}
    </TextField>
  );
}

export const UserPickerRenderer = withJsonFormsControlProps(UserPicker);
