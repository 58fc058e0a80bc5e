import AttachFileIcon from '@mui/icons-material/AttachFile';
import { rankWith, schemaMatches, type ControlProps, type JsonSchema, type RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps } from '@jsonforms/react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormHelperText from '@mui/material/FormHelperText';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useState, type ChangeEvent } from 'react';
import { ApiError, uploadFile } from '../api';
import { useSession } from '../session';
import { AttachmentItem } from './AttachmentItem';

/** Arrays of attachment ids (`items.format: 'attachment'`): upload, see and remove files. */
export const attachmentsTester: RankedTester = rankWith(10, schemaMatches((schema) =>
  schema.type === 'array' && (schema.items as JsonSchema | undefined)?.format === 'attachment'));

const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf,.docx,.xlsx';

function Attachments({ data, handleChange, path, label, enabled, errors, visible, config }: ControlProps) {
  const { t } = useSession();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  if (!visible) return null;
  const ids = Array.isArray(data) ? (data as string[]) : [];
  const taskId = (config as { taskId?: string } | undefined)?.taskId;

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    setBusy(true);
    setProblem(undefined);
    const added: string[] = [];
    try {
      for (const file of files) added.push((await uploadFile(file, taskId)).id);
    } catch (err) {
      setProblem(err instanceof ApiError ? err.message : t('common.error'));
    } finally {
      setBusy(false);
      if (added.length) handleChange(path, [...ids, ...added]);
    }
  };

  return (
    <Box sx={{ my: 1 }} data-testid={`attachments-${path}`}>
      <Typography variant="body2" color="text.secondary">{label}</Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, my: 1 }}>
        {ids.map((id) => (
          <AttachmentItem key={id} id={id} onRemove={enabled ? () => handleChange(path, ids.filter((other) => other !== id)) : undefined} />
        ))}
      </Box>
      {enabled && (
        <Button component="label" variant="outlined" size="small" startIcon={<AttachFileIcon />} disabled={busy}>
          {t('form.upload')}
          <input hidden type="file" multiple accept={ACCEPT} onChange={(e) => void choose(e)} data-testid={`upload-${path}`} />
        </Button>
      )}
      {busy && <LinearProgress sx={{ mt: 1 }} />}
      {(problem || errors) && <FormHelperText error>{problem ?? errors}</FormHelperText>}
    </Box>
  );
}

export const AttachmentsRenderer = withJsonFormsControlProps(Attachments);
