import { api, ApiError, rememberLocale, setApiLocale, storedLocale } from './api';
import { prefetchInbox } from './inboxQuery';
import type { Locale } from './messages';
import { signInEn, signInZh } from './signInMessages';
import type { User } from './session';

/**
 * The sign-in form, in plain DOM and styled as the app's own fields: the page's first script draws it on
 * /login at once, while the app's code is still on its way (on a phone, a second or more), and the app
 * shows the same form whenever it signs someone in. Typing and signing in work before the app is there:
 * a user signed in meanwhile waits for it.
 */

/** What the app does with the form: takes the signed-in user, and a change of language. */
export interface SignInApp {
  signedIn(me: User): void;
  setLocale(locale: Locale): void;
}

const STYLE = `
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
#sign-in button[type=button] { background: none; color: #1d5fa7; font-size: 0.8125rem; text-transform: uppercase; }
#sign-in .hint { margin: 0; font-size: 0.75rem; line-height: 1.66; color: rgba(0, 0, 0, 0.6); }
`;

let shown: HTMLElement | undefined;
let app: SignInApp | undefined;
/** Signed in before the app was there to take the user. */
let waiting: User | undefined;

const words = () => (storedLocale() === 'en' ? signInEn : signInZh);

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

/** A field as the app draws one: its label in the border once it holds text; the asterisk not part of its name. */
function field(name: 'username' | 'password') {
  const input = element('input', {
    id: `sign-in-${name}`, name, required: true, placeholder: ' ', type: name === 'password' ? 'password' : 'text',
    autocomplete: name === 'password' ? 'current-password' : 'username',
  });
  const label = element('label', { htmlFor: input.id });
  const box = element('div', { className: 'field' });
  box.append(input, label);
  const relabel = (text: string) => {
    label.textContent = text;
    const asterisk = element('span', { textContent: ' *' });
    asterisk.setAttribute('aria-hidden', 'true');
    label.append(asterisk);
  };
  return { box, input, relabel };
}

function draw(): HTMLElement {
  const root = element('div', { id: 'sign-in' });
  const style = element('style', { textContent: STYLE });
  const form = element('form');
  const title = element('h1');
  const subtitle = element('p', { className: 'subtitle' });
  const error = element('div', { className: 'error', hidden: true });
  error.setAttribute('role', 'alert');
  const username = field('username');
  const password = field('password');
  const submit = element('button', { type: 'submit' });
  const hint = element('p', { className: 'hint' });
  const language = element('button', { type: 'button' });
  form.append(title, subtitle, error, username.box, password.box, submit, hint, language);
  root.append(style, form);

  const relabel = () => {
    const t = words();
    title.textContent = t.appName;
    subtitle.textContent = t['login.title'];
    username.relabel(t['login.username']);
    password.relabel(t['login.password']);
    submit.textContent = t['login.submit'];
    hint.textContent = t['login.demoHint'];
    language.textContent = t['nav.language'];
  };
  relabel();
  language.addEventListener('click', () => {
    const next: Locale = storedLocale() === 'en' ? 'zh-CN' : 'en';
    if (app) app.setLocale(next);
    else {
      rememberLocale(next);
      setApiLocale(next);
      document.documentElement.lang = next;
    }
    relabel();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    error.hidden = true;
    signIn(username.input.value.trim(), password.input.value).then((me) => {
      if (app) app.signedIn(me);
      else waiting = me;
    }, (err: unknown) => {
      error.textContent = err instanceof ApiError ? err.message : words()['common.error'];
      error.hidden = false;
    }).finally(() => {
      submit.disabled = false;
    });
  });
  document.body.append(root);
  if (!document.activeElement || document.activeElement === document.body) username.input.focus();
  return root;
}

/** Signs in; resolves to the user as GET /me gives it (with whether the password must be changed first). */
export async function signIn(username: string, password: string): Promise<User> {
  const { user: me } = await api<{ user: User }>('/auth/login', { body: { username, password } });
  // The inbox's lists are asked for now, while the app draws the page, not after it (unless the one-time
  // password must be changed first: until then they would only be refused).
  const next = new URL(new URLSearchParams(window.location.search).get('next') ?? '/', window.location.origin);
  if (next.pathname === '/' && !me.mustChangePassword) prefetchInbox(next.searchParams);
  return me;
}

/** The first script's: the form, before the app is there. */
export function drawSignIn(): void {
  shown ??= draw();
}

/** The app's sign-in page: the form (as it is, if already drawn) signs in for `signingIn`. Returns the form's removal. */
export function showSignIn(signingIn: SignInApp): () => void {
  shown ??= draw();
  app = signingIn;
  if (waiting) {
    signingIn.signedIn(waiting);
    waiting = undefined;
  }
  return () => {
    app = undefined;
    // Put back at once when the app only draws its page again (React's development mode does, on purpose).
    queueMicrotask(() => {
      if (!app) removeSignIn();
    });
  };
}

function removeSignIn(): void {
  shown?.remove();
  shown = undefined;
}
