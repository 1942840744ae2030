// What every change a CloudTrail record yields shares: who, where, when, and which call.
import type { Principal } from '../model/resource-change';

export interface CallContext {
  account: string;
  region: string;
  partition: string;
  eventTime: string;
  eventId: string;
  eventName: string;
  principal: Principal;
}
