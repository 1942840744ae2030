// The CloudTrail consumer's detail-types: API calls, and changes services make on their own.
import { normalizeCloudTrailEvent } from '../cloudtrail/normalize-cloudtrail-event';
import { DETAIL_TYPES } from '../events/event-envelope';
import type { Normalizers } from './event-admission';

export const CLOUDTRAIL_CONSUMER_NORMALIZERS: Normalizers = {
  [DETAIL_TYPES.apiCall]: normalizeCloudTrailEvent,
  [DETAIL_TYPES.serviceEvent]: normalizeCloudTrailEvent,
};
