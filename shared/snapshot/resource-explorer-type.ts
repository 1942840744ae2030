// Resource Explorer's type names (`s3:bucket`) as CloudFormation type names, from the generated table.
import { RESOURCE_EXPLORER_TYPES } from './resource-explorer-types';

/** The CloudFormation type of a Resource Explorer type, or undefined when no published data maps it. */
export function cloudFormationTypeOf(resourceExplorerType: string): string | undefined {
  return RESOURCE_EXPLORER_TYPES[resourceExplorerType.toLowerCase()];
}
