// Calls no registry entry maps, read through the IAM data: the type from the action, the resource from
// the record, create/delete only when the action's object is the type itself, tags by ARN.
import { normalizeCloudTrailEvent } from '../../shared/cloudtrail/normalize-cloudtrail-event';
import type { EventEnvelope } from '../../shared/events/event-envelope';

const ACCOUNT = '111122223333';
const FUNCTION = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:checkout`;

function call(eventSource: string, eventName: string, detail: Record<string, unknown>): EventEnvelope {
  return {
    version: '0',
    id: `envelope-${eventName}`,
    'detail-type': 'AWS API Call via CloudTrail',
    source: `aws.${eventSource.split('.')[0]}`,
    account: ACCOUNT,
    time: '2024-05-02T10:00:00Z',
    region: 'eu-west-1',
    detail: {
      eventVersion: '1.09',
      eventTime: '2024-05-02T10:00:00Z',
      eventSource,
      eventName,
      awsRegion: 'eu-west-1',
      eventID: `evt-${eventName}`,
      recipientAccountId: ACCOUNT,
      readOnly: false,
      eventType: 'AwsApiCall',
      userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/carol`, accountId: ACCOUNT },
      requestParameters: null,
      responseElements: null,
      ...detail,
    },
  };
}

function summary(event: EventEnvelope) {
  const normalization = normalizeCloudTrailEvent(event);
  return {
    outcome: normalization.outcome,
    changes: normalization.changes.map((change) => [change.id, change.type, change.lifecycle, change.action]),
  };
}

test('a write to a resource that is not its creation or deletion updates it (AddPermission, DeleteAlias)', () => {
  for (const name of ['AddPermission20150331v2', 'DeleteAlias20150331']) {
    expect(
      summary(
        call('lambda.amazonaws.com', name, { requestParameters: { functionName: 'checkout', name: 'live' } }),
      ),
    ).toEqual({
      outcome: 'generic',
      changes: [[FUNCTION, 'AWS::Lambda::Function', 'update', 'upsert']],
    });
  }
});

test('a create and a delete of the type itself, named by the ARN in the record', () => {
  const anchor = `arn:aws:rolesanywhere:eu-west-1:${ACCOUNT}:trust-anchor/49e25ec3`;
  expect(
    summary(
      call('rolesanywhere.amazonaws.com', 'CreateTrustAnchor', {
        responseElements: { trustAnchor: { trustAnchorArn: anchor } },
      }),
    ),
  ).toEqual({
    outcome: 'generic',
    changes: [[anchor, 'AWS::RolesAnywhere::TrustAnchor', 'create', 'upsert']],
  });
  expect(
    summary(
      call('rolesanywhere.amazonaws.com', 'DeleteTrustAnchor', {
        requestParameters: { trustAnchorId: '49e25ec3' },
        responseElements: { trustAnchor: { trustAnchorArn: anchor } },
      }),
    ),
  ).toEqual({
    outcome: 'generic',
    changes: [[anchor, 'AWS::RolesAnywhere::TrustAnchor', 'delete', 'delete']],
  });
});

test('a resource of another account named by the call is recorded in that account', () => {
  const foreign = `arn:aws:lambda:eu-west-1:444455556666:function:checkout`;
  const [change] = normalizeCloudTrailEvent(
    call('lambda.amazonaws.com', 'AddPermission20150331v2', { requestParameters: { functionName: foreign } }),
  ).changes;
  expect([change.id, change.account]).toEqual([foreign, '444455556666']);
});

test('tag and untag calls tag the ARNs they name, with the tags they carry', () => {
  const tagged = normalizeCloudTrailEvent(
    call('glue.amazonaws.com', 'TagResource', {
      requestParameters: {
        resourceArn: `arn:aws:glue:eu-west-1:${ACCOUNT}:job/nightly`,
        tagsToAdd: { team: 'data' },
        tags: { team: 'data' },
      },
    }),
  );
  expect(tagged.changes.map((change) => [change.type, change.lifecycle, change.tags])).toEqual([
    ['AWS::Glue::Job', 'tag', { add: { team: 'data' } }],
  ]);
  const untagged = normalizeCloudTrailEvent(
    call('glue.amazonaws.com', 'UntagResource', {
      requestParameters: {
        resourceArn: `arn:aws:glue:eu-west-1:${ACCOUNT}:job/nightly`,
        tagsToRemove: ['a'],
      },
    }),
  );
  expect(untagged.changes.map((change) => [change.lifecycle, change.tags])).toEqual([
    ['tag', { remove: ['a'] }],
  ]);
});
