import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { outcomeLabel, stepLabel } from '../labels';
import { hasMessage } from '../messages';
import { useSession } from '../session';
import type { InstanceDetail, TimelineEvent } from '../types';
import { useUserName } from '../users';

/** What an audit event says, in the user's language. */
function describe(t: (key: string, vars?: Record<string, string | number>) => string, event: TimelineEvent, stepOf: (taskId: string | null) => string) {
  const data = event.data as Record<string, string | number | undefined>;
  switch (event.type) {
    case 'task.opened':
      return t('event.task.opened', { step: stepLabel(t, String(data.name ?? '')) });
    case 'task.completed':
      return t('event.task.completed', { step: stepOf(event.taskId), outcome: outcomeLabel(t, data.outcome as string | undefined) });
    case 'allocation.monthChecked':
      return t('event.allocation.monthChecked', { big: data.bigCustomers ?? 0, over: data.overCapLines ?? 0, surges: data.surges ?? 0 });
    case 'task.chased':
      return t('event.task.chased', { step: stepOf(event.taskId) || stepLabel(t, String(data.step ?? '')) });
    case 'customer.tierChanged':
      return t('event.customer.tierChanged', { from: data.fromTier ?? '', to: data.toTier ?? '' });
    default:
      // An event this version of the app has no words for yet still reads as one, never as its code.
      return hasMessage(`event.${event.type}`) ? t(`event.${event.type}`) : t('event.other');
  }
}

/** The events of a 催办: of a task (by the starter, or the dept head from the allocation overview), of a 督办 track (by its leader). */
const CHASE_EVENTS = new Set(['task.chased', 'assignment.chased']);

/** Who did what, when, in one instance; a completed step shows the comment of its record. */
export function Timeline({ instance }: { instance: InstanceDetail }) {
  const { t, formatDateTime } = useSession();
  const userName = useUserName();
  const stepOf = (taskId: string | null) => {
    const task = instance.tasks.find((candidate) => candidate.id === taskId);
    return task ? stepLabel(t, task.name) : '';
  };
  return (
    <List dense data-testid="timeline">
      {instance.timeline.map((event, index) => {
        const record = event.type === 'task.completed' ? instance.records.find((r) => r.taskId === event.taskId) : undefined;
        // A 催办 keeps the chaser's words on the event itself (the starter's or dept head's, a 督办 leader's).
        const said = CHASE_EVENTS.has(event.type) ? (event.data as Record<string, unknown>).comment : record?.data.comment;
        const comment = typeof said === 'string' && said !== '' ? said : undefined;
        return (
          <ListItem key={index} divider alignItems="flex-start">
            <ListItemText
              primary={describe(t, event, stepOf)}
              secondary={
                <>
                  {formatDateTime(event.at)}{event.actorId ? ` · ${userName(event.actorId)}` : ''}
                  {comment && <Typography component="span" display="block" variant="body2" color="text.primary">“{comment}”</Typography>}
                </>
              }
            />
          </ListItem>
        );
      })}
    </List>
  );
}
