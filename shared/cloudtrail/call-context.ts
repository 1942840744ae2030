// What every change a CloudTrail record yields shares: who, where, when, and which call.
export interface CallContext {
  account: string;
  region: string;
  partition: string;
  eventTime: string;
  eventId: string;
  eventName: string;
}
