import { api, ApiError, rememberLocale, setApiLocale, storedLocale } from './api';
import { prefetchInbox } from './inboxQuery';
import type { Locale } from './messages';
import { signInMarkup } from './signInMarkup';
import { signInEn, signInZh } from './signInMessages';
import type { User } from './session';

/**
 * The sign-in form, in plain DOM and styled as the app's own fields (its markup: signInMarkup.ts): the
 * server draws it into the page it sends for /login, the page's first script makes it work (or draws it,
 * where the page came without it) while the app's code is still on its way (on a phone, a second or
 * more), and the app shows the same form whenever it signs someone in. Typing and signing in work before
 * the app is there: a user signed in meanwhile waits for it.
 */

/** What the app does with the form: takes the signed-in user, and a change of language. */
export interface SignInApp {
  signedIn(me: User): void;
  setLocale(locale: Locale): void;
}

let shown: HTMLElement | undefined;
let app: SignInApp | undefined;
/** Signed in before the app was there to take the user. */
let waiting: User | undefined;

const words = () => (storedLocale() === 'en' ? signInEn : signInZh);

/** A field of the form: its input, and its label's words (the asterisk, not part of its name, kept). */
function field(root: HTMLElement, name: 'username' | 'password') {
  const input = root.querySelector<HTMLInputElement>(`#sign-in-${name}`)!;
  const label = root.querySelector<HTMLLabelElement>(`label[for="sign-in-${name}"]`)!;
  const relabel = (text: string) => {
    label.firstChild!.textContent = text;
  };
  return { input, relabel };
}

/**
 * The form made to work: the one the server drew into the page (login.html), else drawn now from the
 * same markup; in the user's language.
 */
function draw(): HTMLElement {
  let root = document.getElementById('sign-in');
  if (!root) {
    document.body.insertAdjacentHTML('beforeend', signInMarkup(words()));
    root = document.getElementById('sign-in')!;
  }
  const title = root.querySelector('h1')!;
  const subtitle = root.querySelector<HTMLElement>('.subtitle')!;
  const error = root.querySelector<HTMLElement>('.error')!;
  const username = field(root, 'username');
  const password = field(root, 'password');
  const submit = root.querySelector<HTMLButtonElement>('button[type=submit]')!;
  const hint = root.querySelector<HTMLElement>('.hint')!;
  const language = root.querySelector<HTMLButtonElement>('button[type=button]')!;
  const form = root.querySelector('form')!;

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
  submit.disabled = false;
  delete submit.dataset.waiting;
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
