// Turns a failed request into a message a person can act on: what was asked, what the API (or the
// network) answered, the API's own message and the parameter it names.
import { ApiError } from './api-client';
import { element } from './element';

export function errorNotice(what: string, error: unknown): HTMLElement {
  const notice = element('div', { className: 'notice error', attributes: { role: 'alert' } });
  if (!(error instanceof ApiError)) {
    const message = error instanceof Error ? error.message : String(error);
    notice.append(
      element('strong', {}, `Could not show ${what}: the page failed.`),
      element('p', {}, message),
    );
    return notice;
  }
  const failure = error.failure;
  if (failure.kind === 'unreachable') {
    notice.append(
      element('strong', {}, `Could not load ${what}: the API is unreachable.`),
      element('p', {}, failure.message),
      element(
        'p',
        { className: 'hint' },
        'Is the inventory running (npm start), and is this the URL it printed?',
      ),
    );
    return notice;
  }
  const label = failure.code ? `${failure.status} ${failure.code}` : String(failure.status);
  notice.append(
    element('strong', {}, `Could not load ${what}: the API answered ${label}.`),
    element('p', { className: 'api-message' }, failure.message),
  );
  if (failure.parameter !== undefined)
    notice.append(
      element('p', {}, 'Parameter: ', element('code', { className: 'api-parameter' }, failure.parameter)),
    );
  const hint = hintFor(failure.status);
  if (hint) notice.append(element('p', { className: 'hint' }, hint));
  return notice;
}

function hintFor(status: number): string | undefined {
  if (status === 400) return 'Change the filter it names and try again.';
  if (status === 403 || status === 401)
    return 'The deployed API uses IAM authorization: open this page through a signing proxy.';
  if (status >= 500) return 'A failure on the server side; it has been logged there. Try again shortly.';
  return undefined;
}
