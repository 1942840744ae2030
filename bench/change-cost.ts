// What a million resource changes cost at AWS's on-demand prices, from the capacity and time the
// benchmark measured per event: the figure docs/performance.md sets beside AWS Config's.

/** Public list prices (US East, N. Virginia), in US dollars; see docs/performance.md for the date. */
export const PRICES = {
  /** DynamoDB on-demand, per million write request units. */
  dynamodbWritePerMillion: 0.625,
  /** DynamoDB on-demand, per million read request units. */
  dynamodbReadPerMillion: 0.125,
  /** Lambda, per million requests. */
  lambdaRequestsPerMillion: 0.2,
  /** Lambda (x86), per GB-second. */
  lambdaPerGbSecond: 0.0000166667,
  /** EventBridge, per million events put on a custom bus or delivered across accounts. */
  eventBridgePerMillion: 1.0,
  /** AWS Config, per million configuration items recorded (the comparison). */
  awsConfigPerMillionItems: 3_000,
} as const;

/** The ingest functions' memory (infra/inventory-function.ts default). */
export const INGEST_MEMORY_MB = 256;

export interface ChangeCost {
  /** Dollars per million changes, by service, and in all. */
  dynamodb: number;
  lambda: number;
  eventBridge: number;
  total: number;
  inputs: {
    writeUnitsPerEvent: number;
    readUnitsPerEvent: number;
    lambdaMsPerEvent: number;
    lambdaMemoryMb: number;
    /** EventBridge events per change: the forwarded event plus the change notification. */
    eventBridgeEventsPerChange: number;
  };
  awsConfigPerMillion: number;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

export function costPerMillionChanges(measured: {
  capacityPerEvent: { read: number; write: number };
  lambdaMsPerEvent: number;
}): ChangeCost {
  const { read, write } = measured.capacityPerEvent;
  const dynamodb = write * PRICES.dynamodbWritePerMillion + read * PRICES.dynamodbReadPerMillion;
  // Lambda bills each invocation by the millisecond at its memory size.
  const gbSeconds = (measured.lambdaMsPerEvent / 1000) * (INGEST_MEMORY_MB / 1024) * 1_000_000;
  const lambda = PRICES.lambdaRequestsPerMillion + gbSeconds * PRICES.lambdaPerGbSecond;
  // AWS service events on the default bus are free; forwarding to a central bus in another account
  // and publishing "Inventory Resource Changed" are one paid event each.
  const eventBridgeEventsPerChange = 2;
  const eventBridge = eventBridgeEventsPerChange * PRICES.eventBridgePerMillion;
  return {
    dynamodb: round2(dynamodb),
    lambda: round2(lambda),
    eventBridge: round2(eventBridge),
    total: round2(dynamodb + lambda + eventBridge),
    inputs: {
      writeUnitsPerEvent: write,
      readUnitsPerEvent: read,
      lambdaMsPerEvent: measured.lambdaMsPerEvent,
      lambdaMemoryMb: INGEST_MEMORY_MB,
      eventBridgeEventsPerChange,
    },
    awsConfigPerMillion: PRICES.awsConfigPerMillionItems,
  };
}
