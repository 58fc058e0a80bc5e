import Alert from '@mui/material/Alert';
import { useSession } from '../session';

export default function NotFoundPage() {
  const { t } = useSession();
  return <Alert severity="warning">{t('common.notFound')}</Alert>;
}
