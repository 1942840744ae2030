// Refuses to build functions without the project's esbuild: NodejsFunction would otherwise fall back
// to building a Docker image, which needs Docker and the network, and `cdk synth` must need neither.
import * as path from 'node:path';

/** The same test NodejsFunction makes (can `esbuild` be required from the project?), done up front. */
export function assertLocalEsbuild(projectRoot = path.resolve(__dirname, '..')): void {
  try {
    require.resolve('esbuild', { paths: [projectRoot] });
  } catch (error) {
    throw new Error(
      `esbuild is not installed under ${projectRoot} (run npm ci): the functions are bundled with the ` +
        'local esbuild, never with Docker.',
      { cause: error },
    );
  }
}
