// The AWS SDK clients a snapshot lists with: adaptive retries (client-side rate limiting once the
// service throttles, on top of backoff), so a large account is listed to the end without a storm.
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { ResourceExplorer2Client } from '@aws-sdk/client-resource-explorer-2';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { AwsCredentialIdentity } from '@smithy/types';

export interface ListingClients {
  cloudFormation: CloudFormationClient;
  resourceExplorer: ResourceExplorer2Client;
  tagging: ResourceGroupsTaggingAPIClient;
  /** Organizations is global: the SDK's endpoint rules send every region's calls to its one endpoint. */
  organizations: OrganizationsClient;
}

export interface ListingClientOptions {
  region: string;
  /** Tests: a local endpoint answering recorded pages. */
  endpoint?: string;
  credentials?: AwsCredentialIdentity;
  /** Attempts per call, the first included (SDK default 3; listings can afford more). */
  maxAttempts?: number;
}

export const LISTING_MAX_ATTEMPTS = 8;

export function createListingClients(options: ListingClientOptions): ListingClients {
  const config = {
    region: options.region,
    endpoint: options.endpoint,
    credentials: options.credentials,
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? LISTING_MAX_ATTEMPTS,
  };
  return {
    cloudFormation: new CloudFormationClient(config),
    resourceExplorer: new ResourceExplorer2Client(config),
    tagging: new ResourceGroupsTaggingAPIClient(config),
    organizations: new OrganizationsClient(config),
  };
}

export function destroyListingClients(clients: ListingClients): void {
  clients.cloudFormation.destroy();
  clients.resourceExplorer.destroy();
  clients.tagging.destroy();
  clients.organizations.destroy();
}
