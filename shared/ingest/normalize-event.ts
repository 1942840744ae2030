// Every detail-type the inventory understands, whichever consumer receives it: for the local bus
// (the account an event comes from), the tools and the tests. The Lambda consumers each use their
// own normalizers (consumer-normalizers.ts) through event-admission.ts.
import type { Normalization } from '../model/normalization';
import { CLOUDFORMATION_CONSUMER_NORMALIZERS, CLOUDTRAIL_CONSUMER_NORMALIZERS } from './consumer-normalizers';
import { admitEventWith, normalizeEventWith } from './event-admission';
import type { Admission, Normalizers } from './event-admission';

export type { Admission } from './event-admission';

export const ALL_NORMALIZERS: Normalizers = {
  ...CLOUDFORMATION_CONSUMER_NORMALIZERS,
  ...CLOUDTRAIL_CONSUMER_NORMALIZERS,
};

export function normalizeEvent(raw: unknown): Normalization {
  return normalizeEventWith(raw, ALL_NORMALIZERS);
}

export function admitEvent(raw: unknown): Admission {
  return admitEventWith(raw, ALL_NORMALIZERS);
}
