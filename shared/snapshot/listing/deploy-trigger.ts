// The snapshot function doubles as the provider of one CloudFormation custom resource, so a deploy
// starts a snapshot without a second function: it answers CloudFormation first (a listing can
// outlast what a deploy should wait for), then lists. Delete only answers.
import * as z from 'zod/mini';
import '../../events/schema-messages';

export const CustomResourceEventSchema = z.object({
  RequestType: z.enum(['Create', 'Update', 'Delete']),
  ResponseURL: z.url(),
  StackId: z.string(),
  RequestId: z.string(),
  LogicalResourceId: z.string(),
  PhysicalResourceId: z.optional(z.string()),
});
export type CustomResourceEvent = z.infer<typeof CustomResourceEventSchema>;

export const DEPLOY_TRIGGER_ID = 'inventory-snapshot-after-deploy';

/** The custom resource event, or undefined for anything else (a scheduled invocation). */
export function customResourceEvent(event: unknown): CustomResourceEvent | undefined {
  const parsed = CustomResourceEventSchema.safeParse(event);
  return parsed.success ? parsed.data : undefined;
}

/** PUTs the answer to the pre-signed URL CloudFormation waits on. */
export async function answerCloudFormation(
  event: CustomResourceEvent,
  status: 'SUCCESS' | 'FAILED',
  reason: string,
  put: typeof fetch = fetch,
): Promise<void> {
  const body = JSON.stringify({
    Status: status,
    Reason: reason.slice(0, 1000),
    PhysicalResourceId: event.PhysicalResourceId ?? DEPLOY_TRIGGER_ID,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  });
  // The pre-signed URL was signed without a content type: sending one would break the signature.
  const reply = await put(event.ResponseURL, { method: 'PUT', body, headers: { 'content-type': '' } });
  if (!reply.ok) throw new Error(`CloudFormation's response URL answered ${reply.status}`);
}
