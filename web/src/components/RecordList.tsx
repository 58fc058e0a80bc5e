import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import Typography from '@mui/material/Typography';
import FormView from '../forms/FormView';
import { stepLabel } from '../labels';
import { useSession } from '../session';
import type { FormDefinition, InstanceDetail } from '../types';
import { useApi } from '../useApi';
import { useUserName } from '../users';

function RecordForm({ formKey, data }: { formKey: string; data: Record<string, unknown> }) {
  const { locale } = useSession();
  const form = useApi<FormDefinition>(`/forms/${formKey}`);
  if (!form.data) return null;
  return <FormView form={form.data} locale={locale} data={data} showErrors={false} readonly />;
}

/**
 * The instance's form records, oldest first, each opening to its read-only form; `except` leaves out
 * the record of one task, `expandLast` opens the newest (what a decision is about).
 */
export function RecordList({ instance, except, expandLast }: { instance: InstanceDetail; except?: string; expandLast?: boolean }) {
  const { t, formatDateTime } = useSession();
  const userName = useUserName();
  return (
    <>
      {instance.records.filter((record) => record.taskId !== except).map((record, index, shown) => {
        const task = instance.tasks.find((candidate) => candidate.id === record.taskId);
        return (
          <Accordion key={record.id} disableGutters data-testid="record" defaultExpanded={expandLast && index === shown.length - 1}>
            <AccordionSummary expandIcon={<ExpandMoreIcon />}>
              <Typography>
                {task ? stepLabel(t, task.name) : t('event.instance.started')} · {userName(record.createdBy)} · {formatDateTime(record.createdAt)}
              </Typography>
            </AccordionSummary>
            <AccordionDetails>
              <RecordForm formKey={record.formKey} data={record.data} />
            </AccordionDetails>
          </Accordion>
        );
      })}
    </>
  );
}
