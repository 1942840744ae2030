// Moves the page to a view: a new hash triggers `hashchange`; the same hash (Apply with unchanged
// filters) re-renders anyway, so a button press always reloads.
export function navigate(href: string): void {
  if (location.hash === href) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = href;
}
