// Who made a change, short enough for a table cell: `Role/session` for an assumed role, `user/alice`
// for an IAM user, `root`, or the AWS service; the full ARN stays in the title.

export function shortPrincipal(principal: string): string {
  const arn = principal.split(':');
  if (arn.length < 6 || arn[0] !== 'arn') return principal;
  const resource = arn.slice(5).join(':');
  if (arn[2] === 'sts' && resource.startsWith('assumed-role/')) return resource.slice('assumed-role/'.length);
  if (resource === 'root') return 'root';
  const parts = resource.split('/');
  // user/path/to/alice → user/alice: the path only groups identities.
  return parts.length > 2 ? `${parts[0]}/${parts[parts.length - 1]}` : resource;
}
