// The page's first script, kept small: it asks for the page's code and data (firstPage.ts), then runs the
// app, whose one chunk the page has been loading beside it since the HTML (web/buildPlugins.ts).
import './firstPage';

void import('./startApp');
