/**
 * Plugs a code lab's learner code into a running cluster (the terminal's), through the lab's LiveHook:
 * compile the learner's files as the grader does, then let the hook load the main module and install it.
 */
import type { SimCluster } from '../mesh';
import { compileModules, loadModule } from './module-loader';
import { workspaceFiles } from './run-checks';
import { both } from './text';
import type { Bilingual, Lab } from '../schema';

/** `undefined`: the lab has no live hook. Otherwise whether the code is in, and if not, why. */
export function goLive(
  lab: Lab,
  files: Readonly<Record<string, string>>,
  cluster: SimCluster,
): { ok: true } | { ok: false; why: Bilingual } | undefined {
  if (lab.live === undefined) return undefined;
  const compiled = compileModules(workspaceFiles(lab, files));
  if (!compiled.ok)
    return {
      ok: false,
      why: both(
        `컴파일 오류: ${compiled.file} ${compiled.message}`,
        `does not compile: ${compiled.file} ${compiled.message}`,
      ),
    };
  try {
    const why = lab.live({ load: () => loadModule(compiled, lab.meta.main), cluster });
    return why === undefined ? { ok: true } : { ok: false, why };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, why: both(`코드 실행 중 오류: ${message}`, `your code threw: ${message}`) };
  }
}
