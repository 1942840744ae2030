// Which detail-types each ingest consumer normalizes: the rules send it those (rule-patterns.ts; a
// test holds the two together). One module per consumer, so each bundle carries only its own.
export { CLOUDFORMATION_CONSUMER_NORMALIZERS } from './cloudformation-consumer-normalizers';
export { CLOUDTRAIL_CONSUMER_NORMALIZERS } from './cloudtrail-consumer-normalizers';
