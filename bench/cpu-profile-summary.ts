// Reads a V8 .cpuprofile (what `node --cpu-prof` writes) and says where the time went: the top
// functions by self time, and self time by area (AWS SDK, Powertools, zod, shared/<folder>, Node...).

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileEntry {
  name: string;
  selfMs: number;
  /** Share of the non-idle sampled time. */
  share: number;
}

export interface ProfileSummary {
  durationMs: number;
  /** Sampled time outside (idle): the process was busy this long. */
  busyMs: number;
  idleMs: number;
  topFunctions: ProfileEntry[];
  byArea: ProfileEntry[];
}

export function summarizeCpuProfile(profile: CpuProfile, root: string, top = 15): ProfileSummary {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // timeDeltas[i] is the time before sample i; the time a sample stands for is the next delta.
  for (let i = 0; i < samples.length; i++) {
    const duration = deltas[i + 1] ?? 0;
    selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + Math.max(0, duration));
  }
  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  let idleUs = 0;
  let busyUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byNode.get(id)?.callFrame;
    if (!frame) continue;
    if (frame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    busyUs += us;
    const location = frame.url ? `${shortUrl(frame.url, root)}:${frame.lineNumber + 1}` : '';
    const name = `${frame.functionName || '(anonymous)'}${location ? ` ${location}` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
    const area = areaOf(frame.functionName, frame.url, root);
    areas.set(area, (areas.get(area) ?? 0) + us);
  }
  const entries = (map: Map<string, number>, limit: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, us]) => ({
        name,
        selfMs: Math.round(us / 100) / 10,
        share: busyUs > 0 ? Math.round((us / busyUs) * 1000) / 1000 : 0,
      }));
  return {
    durationMs: Math.round((profile.endTime - profile.startTime) / 1000),
    busyMs: Math.round(busyUs / 1000),
    idleMs: Math.round(idleUs / 1000),
    topFunctions: entries(functions, top),
    byArea: entries(areas, 20),
  };
}

/** Where a frame's code lives, in words a reader of this repository knows. */
export function areaOf(functionName: string, url: string, root: string): string {
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)') return 'V8/Node native (program)';
  if (!url) return 'native';
  if (url.startsWith('node:')) return 'Node internals';
  const path = shortUrl(url, root);
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (packageMatch) {
    const name = packageMatch[1];
    if (name.startsWith('@aws-sdk/') || name.startsWith('@smithy/')) return 'AWS SDK (@aws-sdk, @smithy)';
    if (name.startsWith('@aws-lambda-powertools/')) return 'Powertools';
    return name;
  }
  const folder = /^(shared\/[^/]+|handlers|bench|scripts)\//.exec(path);
  return folder ? folder[1] : 'other';
}

function shortUrl(url: string, root: string): string {
  const path = url.replace(/^file:\/\//, '');
  return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
}
