// Alias ids as DynamoDB items: where a resource's other id (an EIP's public IP, a security group's or
// a secret's name) had or would have a row, a redirect item at `R#<alias id>` / `ROW` names the row
// that holds the resource. It carries none of the list-index keys, so no listing ever shows it.
import { ROW_SORT_KEY, resourcePk } from './index-items';
import type { Item } from './index-items';

/** The attribute naming the canonical id a redirect item points at. */
export const REDIRECT_ATTRIBUTE = 'redirectTo';

export interface Redirect {
  /** The canonical id the alias names. */
  redirectTo: string;
  /** Order key of the change that claimed the alias: a newer claim moves it (a name reused later). */
  claim: string;
  /**
   * The fold that made this redirect put the row's state into the canonical row but left its history
   * and index entries to batches (too many for one transaction): a writer that meets the mark ends it.
   */
  foldPending: boolean;
}

export function isRedirectItem(item: Item): boolean {
  return typeof item[REDIRECT_ATTRIBUTE] === 'string';
}

export function redirectOfItem(item: Item): Redirect {
  return {
    redirectTo: String(item[REDIRECT_ATTRIBUTE]),
    claim: String(item.claim),
    foldPending: item.foldPending === true,
  };
}

export function redirectItem(aliasId: string, redirect: Redirect): Item {
  return {
    pk: resourcePk(aliasId),
    sk: ROW_SORT_KEY,
    [REDIRECT_ATTRIBUTE]: redirect.redirectTo,
    claim: redirect.claim,
    ...(redirect.foldPending ? { foldPending: true } : {}),
  };
}
