import MyLocationIcon from '@mui/icons-material/MyLocation';
import { optionIs, rankWith, type ControlProps, type RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps } from '@jsonforms/react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormHelperText from '@mui/material/FormHelperText';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useSession } from '../session';

/**
 * A location object `{latitude, longitude, accuracy}` (`options.geolocation`): filled from the phone's own
 * position when the user taps the button (the browser asks for consent), never on its own.
 */
export const locationTester: RankedTester = rankWith(10, optionIs('geolocation', true));

interface Position {
  latitude: number;
  longitude: number;
  accuracy?: number;
}

function Location({ data, handleChange, path, label, enabled, errors, visible }: ControlProps) {
  const { t } = useSession();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  if (!visible) return null;
  const position = data as Position | undefined;

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setFailure(t('visit.locateUnsupported'));
      return;
    }
    setBusy(true);
    setFailure(undefined);
    navigator.geolocation.getCurrentPosition((found) => {
      setBusy(false);
      handleChange(path, {
        latitude: Number(found.coords.latitude.toFixed(6)), longitude: Number(found.coords.longitude.toFixed(6)),
        accuracy: Math.round(found.coords.accuracy),
      });
    }, (err) => {
      setBusy(false);
      setFailure(t('visit.locateFailed', { reason: err.message }));
    }, { enableHighAccuracy: true, timeout: 15_000 });
  };

  return (
    <Box sx={{ my: 1 }} data-testid="location-field">
      <Typography variant="body2" color="text.secondary">{label}</Typography>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mt: 0.5 }}>
        <Button variant="outlined" startIcon={<MyLocationIcon />} disabled={!enabled || busy} onClick={locate} sx={{ minHeight: 44 }}>
          {t('visit.locate')}
        </Button>
        {position && (
          <>
            <Typography variant="body2" data-testid="location-value">
              {t('visit.located', { lat: position.latitude, lng: position.longitude, accuracy: position.accuracy ?? '—' })}
            </Typography>
            {enabled && <Button size="small" onClick={() => handleChange(path, undefined)}>{t('visit.clearLocation')}</Button>}
          </>
        )}
      </Box>
      {(failure || errors) && <FormHelperText error>{failure ?? errors}</FormHelperText>}
    </Box>
  );
}

export const LocationRenderer = withJsonFormsControlProps(Location);
