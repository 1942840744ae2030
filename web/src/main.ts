// The page's entry: finds the API next to the script it was served with, shows the view the URL hash
// names, and re-renders on every hash change (cancelling the previous view's requests).
import { createApiClient } from './api-client';
import { metricsView } from './metrics-view';
import { resourceDetailView } from './resource-detail-view';
import { resourcesView } from './resources-view';
import { createPageSignIn } from './sign-in';
import { stacksView } from './stacks-view';
import { readRoute } from './view-route';
import type { ViewRoute } from './view-route';

// The API answers next to app.js: under a gateway stage or a proxy prefix both share one directory.
const script = document.currentScript;
const base = new URL('.', script instanceof HTMLScriptElement && script.src ? script.src : location.href);
// Deployed, /config.json names the sign-in the page sends a person to when the API answers 401.
const api = createApiClient(base, createPageSignIn(base));
let current: AbortController | undefined;
const TITLES: Record<ViewRoute['view'], string> = {
  resources: 'Resource inventory',
  resource: 'Resource inventory',
  stacks: 'Stacks · Resource inventory',
  metrics: 'Metrics · Resource inventory',
};

function render(): void {
  current?.abort();
  current = new AbortController();
  const route = readRoute(location.hash);
  const main = document.getElementById('view');
  if (!main) return;
  main.replaceChildren(viewOf(route, current.signal));
  document.querySelectorAll<HTMLAnchorElement>('nav a[data-view]').forEach((link) => {
    const active = link.dataset.view === (route.view === 'resource' ? 'resources' : route.view);
    if (active) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
  document.title = TITLES[route.view];
}

function viewOf(route: ViewRoute, signal: AbortSignal): HTMLElement {
  switch (route.view) {
    case 'resources':
      return resourcesView(api, route.query, signal);
    case 'resource':
      return resourceDetailView(api, route.id, signal);
    case 'stacks':
      return stacksView(api, route.query, signal);
    case 'metrics':
      return metricsView(api, route.query, signal);
  }
}

window.addEventListener('hashchange', render);
render();
