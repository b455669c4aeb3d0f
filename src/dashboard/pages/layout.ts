/** The page shell: stylesheet, our one script (no inline script: the CSP forbids it), header. */
import { html, type SafeHtml } from '../html.js';

export interface LayoutOptions {
  title: string;
  csrf: string;
  /** Which live events this page listens to: `all`, or a campaign id. */
  live?: { campaign?: string };
  /** Extra stylesheets/scripts served from /assets (e.g. uPlot on the campaign page). */
  styles?: string[];
  scripts?: string[];
  breadcrumbs?: Array<{ href?: string; label: string }>;
}

export function layout(opts: LayoutOptions, body: SafeHtml): SafeHtml {
  const crumbs = (opts.breadcrumbs ?? []).map((c) => (c.href ? html` / <a href="${c.href}">${c.label}</a>` : html` / <span>${c.label}</span>`));
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${opts.csrf}">
<title>${opts.title} · godwit</title>
${(opts.styles ?? []).map((s) => html`<link rel="stylesheet" href="/assets/${s}">`)}
<link rel="stylesheet" href="/assets/app.css">
${(opts.scripts ?? []).map((s) => html`<script src="/assets/${s}" defer></script>`)}
<script src="/assets/app.js" defer></script>
</head>
<body data-live="${opts.live ? 'on' : 'off'}" data-live-campaign="${opts.live?.campaign ?? ''}">
<header class="top"><a class="brand" href="/">godwit</a>${crumbs}<span class="live-dot" id="live-status" title="live updates">●</span></header>
<main>
${body}
</main>
</body>
</html>
`;
}

/** A POST form with the CSRF token; JavaScript is not needed to submit it. */
export function actionForm(action: string, label: string, csrf: string, opts: { back?: string; danger?: boolean; testid?: string } = {}): SafeHtml {
  return html`<form method="post" action="${action}" class="inline">
<input type="hidden" name="_csrf" value="${csrf}">${opts.back ? html`<input type="hidden" name="back" value="${opts.back}">` : ''}
<button type="submit" class="${opts.danger ? 'danger' : ''}" data-testid="${opts.testid ?? ''}">${label}</button></form>`;
}
