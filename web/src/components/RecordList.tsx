import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import Typography from '@mui/material/Typography';
import { RecordView } from '../forms/RecordView';
import { stepLabel } from '../labels';
import { useSession } from '../session';
import type { FormDefinition, InstanceDetail } from '../types';
import { useApi } from '../useApi';
import { useUserName } from '../users';

/** A record, read: with its form (the one given, already in hand, else asked for). */
function RecordRead({ formKey, given, data }: { formKey: string; given: FormDefinition | undefined; data: Record<string, unknown> }) {
  const asked = useApi<FormDefinition>(given ? null : `/forms/${formKey}`);
  const form = given ?? asked.data;
  if (!form) return null;
  return <RecordView form={form} data={data} />;
}

/**
 * The instance's form records, oldest first, each opening to what was filled in; `except` leaves out
 * the record of one task, `expandLast` opens the newest (what a decision is about). `forms` are those
 * already in hand (a task's page has them with its task): drawn at once, where asking would open the
 * newest record a round trip later and push what is below it down.
 */
export function RecordList({ instance, except, expandLast, forms = [] }: {
  instance: InstanceDetail; except?: string; expandLast?: boolean; forms?: FormDefinition[];
}) {
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
              <RecordRead formKey={record.formKey} given={forms.find((form) => form.key === record.formKey)} data={record.data} />
            </AccordionDetails>
          </Accordion>
        );
      })}
    </>
  );
}
