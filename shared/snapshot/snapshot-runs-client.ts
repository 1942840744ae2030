// Reads the index's own account of snapshot runs (`GET /snapshots`) for `npm run snapshot`'s summary:
// waits, with a deadline, until the runs just sent are recorded.
import * as z from 'zod';

const SnapshotRunItemSchema = z.object({
  id: z.string(),
  source: z.string().optional(),
  account: z.string().optional(),
  region: z.string().optional(),
  complete: z.boolean().nullish(),
  observed: z.number().nullish(),
  created: z.number().nullish(),
  updated: z.number().nullish(),
  inferredDeleted: z.number().nullish(),
});
export type SnapshotRunItem = z.infer<typeof SnapshotRunItemSchema>;

const SnapshotRunsReplySchema = z.object({ items: z.array(SnapshotRunItemSchema) });

export type RunsAnswer = { runs: SnapshotRunItem[] } | { unavailable: string };

/** The recorded runs among `runIds`, once all are there or the deadline passes (then those found). */
export async function recordedRuns(
  apiUrl: string,
  runIds: readonly string[],
  deadlineMillis = 15_000,
): Promise<RunsAnswer> {
  const deadline = Date.now() + deadlineMillis;
  for (;;) {
    let reply: Response;
    try {
      reply = await fetch(new URL('snapshots?limit=100', apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`));
    } catch (error) {
      return { unavailable: `the API at ${apiUrl} did not answer (${(error as Error).message})` };
    }
    if (!reply.ok) return { unavailable: `GET /snapshots answered ${reply.status}` };
    const parsed = SnapshotRunsReplySchema.safeParse(await reply.json());
    if (!parsed.success) return { unavailable: 'GET /snapshots answered an unexpected shape' };
    const found = parsed.data.items.filter((item) => runIds.includes(item.id));
    if (found.length === runIds.length || Date.now() > deadline) return { runs: found };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
