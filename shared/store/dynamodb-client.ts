// Builds the DynamoDB clients: the same code talks to AWS or to DynamoDB Local, only the endpoint differs.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoDbClientOptions {
  /** DynamoDB Local or any other endpoint; AWS's regional endpoint when absent. */
  endpoint?: string;
  region?: string;
  maxAttempts?: number;
}

export function createDynamoDbClient(options: DynamoDbClientOptions = {}): DynamoDBClient {
  const endpoint = options.endpoint;
  return new DynamoDBClient({
    endpoint,
    region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
    maxAttempts: options.maxAttempts,
    // DynamoDB Local accepts any credentials; fixed ones keep local runs free of AWS configuration.
    ...(endpoint ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
}

export function createDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
}
