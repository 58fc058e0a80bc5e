import type { signInZh } from './signInMessages';

/**
 * The sign-in form's markup and style, apart from its behaviour (signInForm.ts): the build writes it into
 * the page served for /login (login.html, web/buildPlugins.ts), so that a phone shows the form as soon as
 * the page itself has come, and the page's first script draws the same markup where there is none.
 */

export const SIGN_IN_STYLE = `
body { margin: 0; }
#sign-in { min-height: 100vh; display: grid; place-items: center; background: #eef2f7;
  font-family: "Roboto", "Helvetica", "Arial", sans-serif; color: rgba(0, 0, 0, 0.87); }
#sign-in form { box-sizing: border-box; width: 380px; max-width: calc(100vw - 24px); padding: 24px; display: grid; gap: 16px;
  background: #fff; border-radius: 4px;
  box-shadow: 0 2px 1px -1px rgba(0,0,0,.2), 0 1px 1px 0 rgba(0,0,0,.14), 0 1px 3px 0 rgba(0,0,0,.12); }
@media (min-width: 600px) { #sign-in form { padding: 32px; } }
#sign-in h1 { margin: 0; font-size: 1.5rem; font-weight: 400; line-height: 1.334; }
#sign-in .subtitle { margin: 0; font-size: 1rem; line-height: 1.75; color: rgba(0, 0, 0, 0.6); }
#sign-in .error { padding: 6px 16px; border-radius: 4px; background: #fdeded; color: #5f2120; font-size: 0.875rem; line-height: 2.6; }
#sign-in .field { position: relative; }
#sign-in input { box-sizing: border-box; width: 100%; height: 56px; margin: 0; padding: 16.5px 14px; font: inherit; font-size: 1rem;
  border: 1px solid rgba(0, 0, 0, 0.23); border-radius: 4px; background: #fff; color: inherit; }
#sign-in input:hover { border-color: rgba(0, 0, 0, 0.87); }
#sign-in input:focus { outline: none; border: 2px solid #1d5fa7; padding: 15.5px 13px; }
#sign-in label { position: absolute; left: 10px; top: 16px; padding: 0 4px; background: #fff; color: rgba(0, 0, 0, 0.6);
  font-size: 1rem; line-height: 1.4375em; pointer-events: none; transition: top .2s, font-size .2s, color .2s; }
#sign-in input:focus + label, #sign-in input:not(:placeholder-shown) + label { top: -9px; font-size: 0.75rem; }
#sign-in input:focus + label { color: #1d5fa7; }
#sign-in button { font: inherit; font-weight: 500; font-size: 0.875rem; letter-spacing: 0.02857em; border: 0; border-radius: 4px;
  cursor: pointer; min-height: 44px; }
#sign-in button[type=submit] { background: #1d5fa7; color: #fff; text-transform: uppercase;
  box-shadow: 0 3px 1px -2px rgba(0,0,0,.2), 0 2px 2px 0 rgba(0,0,0,.14), 0 1px 5px 0 rgba(0,0,0,.12); }
#sign-in button[type=submit]:disabled { background: rgba(0, 0, 0, 0.12); color: rgba(0, 0, 0, 0.26); box-shadow: none; cursor: default; }
#sign-in button[type=submit][data-waiting] { background: #1d5fa7; color: #fff; }
#sign-in button[type=button] { background: none; color: #1d5fa7; font-size: 0.8125rem; text-transform: uppercase; }
#sign-in .hint { margin: 0; font-size: 0.75rem; line-height: 1.66; color: rgba(0, 0, 0, 0.6); }
`;

export type SignInWords = Record<keyof typeof signInZh, string>;

function escaped(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** A field as the app draws one: its label in the border once it holds text; the asterisk not part of its name. */
function field(name: 'username' | 'password', label: string): string {
  const type = name === 'password' ? 'password' : 'text';
  const autocomplete = name === 'password' ? 'current-password' : 'username';
  return `<div class="field"><input id="sign-in-${name}" name="${name}" required placeholder=" " type="${type}" autocomplete="${autocomplete}">`
    + `<label for="sign-in-${name}">${escaped(label)}<span aria-hidden="true"> *</span></label></div>`;
}

/**
 * The form in `words`. `waiting`: drawn by the server, before any script: its 登录 stays disabled until the
 * page's first script takes the form (a form sent without it would go to the server as a plain form).
 */
export function signInMarkup(words: SignInWords, waiting = false): string {
  return `<div id="sign-in"><style>${SIGN_IN_STYLE}</style><form>`
    + `<h1>${escaped(words.appName)}</h1><p class="subtitle">${escaped(words['login.title'])}</p>`
    + '<div class="error" role="alert" hidden></div>'
    + field('username', words['login.username']) + field('password', words['login.password'])
    + `<button type="submit"${waiting ? ' disabled data-waiting' : ''}>${escaped(words['login.submit'])}</button>`
    + `<p class="hint">${escaped(words['login.demoHint'])}</p><button type="button">${escaped(words['nav.language'])}</button>`
    + '</form></div>';
}
