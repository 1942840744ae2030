// `npm run mappings -- --corpus`: successful write calls are sorted into registry / data / not placed,
// and each call not placed is listed with its reason; failed and read-only calls are no write calls.
import { corpusCoverage, renderCorpusCoverage } from '../../scripts/corpus-coverage';

const base = {
  eventVersion: '1.09',
  eventTime: '2024-05-02T10:00:00Z',
  awsRegion: 'eu-west-1',
  recipientAccountId: '111122223333',
  readOnly: false,
  eventType: 'AwsApiCall',
  managementEvent: true,
};

test('sorts write calls by how they were understood and lists the rest with the reason', () => {
  const coverage = corpusCoverage([
    {
      ...base,
      eventID: 'a',
      eventSource: 's3.amazonaws.com',
      eventName: 'CreateBucket',
      requestParameters: { bucketName: 'b1' },
    },
    {
      ...base,
      eventID: 'b',
      eventSource: 'lambda.amazonaws.com',
      eventName: 'AddPermission20150331v2',
      requestParameters: { functionName: 'f1' },
    },
    {
      ...base,
      eventID: 'c',
      eventSource: 's3.amazonaws.com',
      eventName: 'PutBucketLifecycle',
      requestParameters: { bucketName: 'b1' },
    },
    {
      ...base,
      eventID: 'd',
      eventSource: 's3.amazonaws.com',
      eventName: 'CreateBucket',
      errorCode: 'AccessDenied',
    },
    { ...base, eventID: 'e', eventSource: 's3.amazonaws.com', eventName: 'GetBucketPolicy', readOnly: true },
  ]);
  expect(coverage).toMatchObject({ records: 5, writes: 3, registry: 1, data: 1, guessed: 0 });
  expect(coverage.missed).toEqual([
    {
      call: 's3.amazonaws.com PutBucketLifecycle',
      count: 1,
      reason: expect.stringContaining('no IAM write action'),
    },
  ]);
  expect(renderCorpusCoverage('corpus', coverage)).toContain('s3.amazonaws.com PutBucketLifecycle');
});
