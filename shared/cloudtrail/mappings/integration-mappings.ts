// Registry entries for messaging and integration: SQS, SNS, Step Functions, Kinesis Data Streams,
// Data Firehose and EventBridge.
import type { CloudTrailMapping } from '../cloudtrail-mapping';

const SQS = 'sqs.amazonaws.com';
const SNS = 'sns.amazonaws.com';
const STATES = 'states.amazonaws.com';
const KINESIS = 'kinesis.amazonaws.com';
const FIREHOSE = 'firehose.amazonaws.com';
const EVENTS = 'events.amazonaws.com';

const QUEUE = 'AWS::SQS::Queue';
const TOPIC = 'AWS::SNS::Topic';
const STATE_MACHINE = 'AWS::StepFunctions::StateMachine';
const STREAM = 'AWS::Kinesis::Stream';
const DELIVERY_STREAM = 'AWS::KinesisFirehose::DeliveryStream';
const RULE = 'AWS::Events::Rule';
const EVENT_BUS = 'AWS::Events::EventBus';

/** A rule on a custom bus is `bus|rule`, as CloudFormation names it; on the default bus just `rule`. */
const RULE_ID = ['{requestParameters.eventBusName}|{requestParameters.name}', 'requestParameters.name'];

export const INTEGRATION_MAPPINGS: readonly CloudTrailMapping[] = [
  // A queue is known by its URL, which names its account and name.
  {
    eventSource: SQS,
    eventName: 'CreateQueue',
    type: QUEUE,
    effect: 'create',
    id: ['responseElements.queueUrl'],
    name: ['requestParameters.queueName'],
    tags: [{ path: 'requestParameters.tags', format: 'map' }],
  },
  {
    eventSource: SQS,
    eventName: 'SetQueueAttributes',
    type: QUEUE,
    effect: 'update',
    id: ['requestParameters.queueUrl'],
  },
  {
    eventSource: SQS,
    eventName: 'TagQueue',
    type: QUEUE,
    effect: 'tag',
    id: ['requestParameters.queueUrl'],
    tags: [{ path: 'requestParameters.tags', format: 'map' }],
  },
  {
    eventSource: SQS,
    eventName: 'UntagQueue',
    type: QUEUE,
    effect: 'untag',
    id: ['requestParameters.queueUrl'],
    tagKeys: ['requestParameters.tagKeys'],
  },
  {
    eventSource: SQS,
    eventName: 'DeleteQueue',
    type: QUEUE,
    effect: 'delete',
    id: ['requestParameters.queueUrl'],
  },

  {
    eventSource: SNS,
    eventName: 'CreateTopic',
    type: TOPIC,
    effect: 'create',
    id: ['responseElements.topicArn'],
    name: ['requestParameters.name'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: SNS,
    eventName: 'SetTopicAttributes',
    type: TOPIC,
    effect: 'update',
    id: ['requestParameters.topicArn'],
  },
  {
    eventSource: SNS,
    eventName: 'TagResource',
    type: TOPIC,
    effect: 'tag',
    id: ['requestParameters.resourceArn'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: SNS,
    eventName: 'UntagResource',
    type: TOPIC,
    effect: 'untag',
    id: ['requestParameters.resourceArn'],
    tagKeys: ['requestParameters.tagKeys'],
  },
  {
    eventSource: SNS,
    eventName: 'DeleteTopic',
    type: TOPIC,
    effect: 'delete',
    id: ['requestParameters.topicArn'],
  },

  {
    eventSource: STATES,
    eventName: 'CreateStateMachine',
    type: STATE_MACHINE,
    effect: 'create',
    id: ['responseElements.stateMachineArn'],
    name: ['requestParameters.name'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: STATES,
    eventName: 'UpdateStateMachine',
    type: STATE_MACHINE,
    effect: 'update',
    id: ['requestParameters.stateMachineArn'],
  },
  {
    eventSource: STATES,
    eventName: 'TagResource',
    type: { byArn: true, fallback: STATE_MACHINE },
    effect: 'tag',
    id: ['requestParameters.resourceArn'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: STATES,
    eventName: 'UntagResource',
    type: { byArn: true, fallback: STATE_MACHINE },
    effect: 'untag',
    id: ['requestParameters.resourceArn'],
    tagKeys: ['requestParameters.tagKeys'],
  },
  {
    eventSource: STATES,
    eventName: 'DeleteStateMachine',
    type: STATE_MACHINE,
    effect: 'delete',
    id: ['requestParameters.stateMachineArn'],
  },

  {
    eventSource: KINESIS,
    eventName: 'CreateStream',
    type: STREAM,
    effect: 'create',
    id: ['requestParameters.streamName'],
    name: ['requestParameters.streamName'],
    tags: [{ path: 'requestParameters.tags', format: 'map' }],
  },
  {
    eventSource: KINESIS,
    eventName: 'AddTagsToStream',
    type: STREAM,
    effect: 'tag',
    id: ['requestParameters.streamARN', 'requestParameters.streamName'],
    tags: [{ path: 'requestParameters.tags', format: 'map' }],
  },
  {
    eventSource: KINESIS,
    eventName: 'RemoveTagsFromStream',
    type: STREAM,
    effect: 'untag',
    id: ['requestParameters.streamARN', 'requestParameters.streamName'],
    tagKeys: ['requestParameters.tagKeys'],
  },
  {
    eventSource: KINESIS,
    eventName: 'DeleteStream',
    type: STREAM,
    effect: 'delete',
    id: ['requestParameters.streamARN', 'requestParameters.streamName'],
  },

  {
    eventSource: FIREHOSE,
    eventName: 'CreateDeliveryStream',
    type: DELIVERY_STREAM,
    effect: 'create',
    id: ['responseElements.deliveryStreamARN', 'requestParameters.deliveryStreamName'],
    name: ['requestParameters.deliveryStreamName'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: FIREHOSE,
    eventName: 'TagDeliveryStream',
    type: DELIVERY_STREAM,
    effect: 'tag',
    id: ['requestParameters.deliveryStreamName'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: FIREHOSE,
    eventName: 'UntagDeliveryStream',
    type: DELIVERY_STREAM,
    effect: 'untag',
    id: ['requestParameters.deliveryStreamName'],
    tagKeys: ['requestParameters.tagKeys'],
  },
  {
    eventSource: FIREHOSE,
    eventName: 'DeleteDeliveryStream',
    type: DELIVERY_STREAM,
    effect: 'delete',
    id: ['requestParameters.deliveryStreamName'],
  },

  // PutRule creates or updates: it is logged as an update whose tags (applied on creation) are added.
  {
    eventSource: EVENTS,
    eventName: 'PutRule',
    type: RULE,
    effect: 'update',
    id: ['responseElements.ruleArn', ...RULE_ID],
    name: ['requestParameters.name'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  { eventSource: EVENTS, eventName: 'EnableRule', type: RULE, effect: 'update', id: RULE_ID },
  { eventSource: EVENTS, eventName: 'DisableRule', type: RULE, effect: 'update', id: RULE_ID },
  {
    eventSource: EVENTS,
    eventName: 'DeleteRule',
    type: RULE,
    effect: 'delete',
    id: RULE_ID,
    name: ['requestParameters.name'],
  },
  {
    eventSource: EVENTS,
    eventName: 'CreateEventBus',
    type: EVENT_BUS,
    effect: 'create',
    id: ['responseElements.eventBusArn', 'requestParameters.name'],
    name: ['requestParameters.name'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: EVENTS,
    eventName: 'DeleteEventBus',
    type: EVENT_BUS,
    effect: 'delete',
    id: ['requestParameters.name'],
    name: ['requestParameters.name'],
  },
  {
    eventSource: EVENTS,
    eventName: 'TagResource',
    type: { byArn: true, fallback: RULE },
    effect: 'tag',
    id: ['requestParameters.resourceARN'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: EVENTS,
    eventName: 'UntagResource',
    type: { byArn: true, fallback: RULE },
    effect: 'untag',
    id: ['requestParameters.resourceARN'],
    tagKeys: ['requestParameters.tagKeys'],
  },
];
