import { optionIs, rankWith, type ControlProps, type RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps } from '@jsonforms/react';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useSession } from '../session';
import { useUsers } from '../users';

/** A user id field (`options.picker: 'user'`): choose a person by name and roles. */
export const userPickerTester: RankedTester = rankWith(10, optionIs('picker', 'user'));

function UserPicker({ data, handleChange, path, label, enabled, errors, visible, required, id }: ControlProps) {
  const { t } = useSession();
  const users = useUsers();
  if (!visible) return null;
  return (
    <TextField
      select fullWidth margin="dense" id={id} label={label} required={required} disabled={!enabled}
      value={typeof data === 'number' ? data : ''} error={!!errors} helperText={errors || ' '}
      onChange={(e) => handleChange(path, e.target.value === '' ? undefined : Number(e.target.value))}
    >
      {users.map((user) => (
        <MenuItem key={user.id} value={user.id}>
          {user.displayName}（{user.roles.map((r) => t(`role.${r}`)).join('、')}）
        </MenuItem>
      ))}
    </TextField>
  );
}

export const UserPickerRenderer = withJsonFormsControlProps(UserPicker);
