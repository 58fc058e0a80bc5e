import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * Browser hardening headers on every response (helmet), with a Content-Security-Policy the built web app
 * passes: its scripts and styles come from its own origin, never inline; the page cannot be framed.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        // JSON Forms validates with Ajv, which compiles each form's schema to a function (`new Function`) in the browser.
        'script-src': ["'self'", "'unsafe-eval'"],
        'script-src-attr': ["'none'"],
        // MUI (emotion) inserts its styles as <style> elements at run time.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        // No upgrade-insecure-requests: the app is also opened over plain HTTP by address (a LAN IP), where it would break every request.
      },
    },
    xFrameOptions: { action: 'deny' },
    // Not no-referrer: that also sends `Origin: null` on the app's own POSTs, hiding that they come from the app itself.
    referrerPolicy: { policy: 'same-origin' },
    // The app speaks plain HTTP; HSTS is for the TLS proxy in front of it to send.
    strictTransportSecurity: false,
  });
}
