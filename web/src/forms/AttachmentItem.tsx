import CloseIcon from '@mui/icons-material/Close';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Dialog from '@mui/material/Dialog';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useState, type MouseEvent } from 'react';
import type { AttachmentMeta } from '../api';
import { usePhone } from '../responsive';
import { useSession } from '../session';
import { useApi } from '../useApi';

/**
 * A PDF opens in a new tab, in the browser's viewer: the server sends it as a download (only images go
 * inline), so the tab is given the file's bytes under the right type. The tab is opened at the tap,
 * before the bytes arrive, so that no popup blocker takes it for an unprompted window.
 */
function openInTab(url: string) {
  const tab = window.open('', '_blank');
  void fetch(url, { credentials: 'same-origin' })
    .then((response) => (response.ok ? response.blob() : Promise.reject(new Error(String(response.status)))))
    .then((blob) => {
      const local = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
      if (tab) tab.location.href = local;
      else window.location.href = local;
    })
    .catch(() => tab?.close());
}

/** A picture seen whole, over the page (the whole screen on a phone); closed by 关闭, Esc or a tap beside it. */
function Lightbox({ url, name, onClose }: { url: string; name: string | undefined; onClose(): void }) {
  const { t } = useSession();
  const phone = usePhone();
  return (
    <Dialog open onClose={onClose} fullScreen={phone} maxWidth="lg" aria-label={name} data-testid="attachment-lightbox"
      slotProps={{ paper: { sx: { bgcolor: 'common.black' } } }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 1, py: 0.5, color: 'common.white' }}>
        <Typography variant="body2" sx={{ flexGrow: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{name}</Typography>
        <Link href={url} target="_blank" rel="noreferrer" sx={{ color: 'common.white', whiteSpace: 'nowrap' }} variant="body2">{t('form.preview')}</Link>
        <IconButton aria-label={t('form.previewClose')} onClick={onClose} sx={{ color: 'common.white', width: 44, height: 44 }}><CloseIcon /></IconButton>
      </Box>
      <Box sx={{ flexGrow: 1, display: 'flex', alignItems: 'center', justifyContent: 'center', p: 1 }} onClick={onClose}>
        <img src={url} alt={name} style={{ maxWidth: '100%', maxHeight: phone ? 'calc(100vh - 64px)' : '80vh', objectFit: 'contain' }} />
      </Box>
    </Dialog>
  );
}

/**
 * One attached file: a picture as a thumbnail that opens the lightbox, a PDF as its name that opens it in
 * a new tab, anything else as a download; with × while the form can be changed.
 */
export function AttachmentItem({ id, onRemove }: { id: string; onRemove?: () => void }) {
  const { t } = useSession();
  const meta = useApi<AttachmentMeta>(`/attachments/${id}/meta`);
  const [viewing, setViewing] = useState(false);
  const url = `/api/attachments/${id}`;
  const type = meta.data?.contentType ?? '';
  const isImage = type.startsWith('image/');
  const isPdf = type === 'application/pdf';
  const name = meta.data?.name ?? id.slice(0, 8);
  const nameSx = { maxWidth: { xs: 180, sm: 220 }, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, border: '1px solid #e0e0e0', borderRadius: 1, p: 0.5 }} data-testid="attachment">
      {isImage && (
        <ButtonBase onClick={() => setViewing(true)} aria-label={name} data-testid="attachment-thumbnail" sx={{ borderRadius: 1 }}>
          <img src={url} alt={name} style={{ width: 64, height: 64, objectFit: 'cover', borderRadius: 4, display: 'block' }} />
        </ButtonBase>
      )}
      {isImage && <Link component="button" type="button" onClick={() => setViewing(true)} sx={nameSx}>{name}</Link>}
      {isPdf && <Link href={url} onClick={(e: MouseEvent) => { e.preventDefault(); openInTab(url); }} title={t('form.openFile')} sx={nameSx}>{name}</Link>}
      {!isImage && !isPdf && <Link href={url} target="_blank" rel="noreferrer" sx={nameSx}>{name}</Link>}
      {onRemove && <IconButton size="small" aria-label={t('common.remove')} onClick={onRemove}><CloseIcon fontSize="small" /></IconButton>}
      {viewing && <Lightbox url={url} name={meta.data?.name} onClose={() => setViewing(false)} />}
    </Box>
  );
}
