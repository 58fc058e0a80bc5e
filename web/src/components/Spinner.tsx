import CircularProgress from '@mui/material/CircularProgress';

/** Shown while a page's data loads. */
export function Spinner() {
  return <CircularProgress sx={{ display: 'block', m: 4 }} aria-label="loading" />;
}
