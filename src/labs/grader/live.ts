/**
 * Plugs a code lab's learner code into a running cluster (the terminal's), through the lab's LiveHook: the
 * modules the check run compiled (see gradeWorkspace) are loaded by the hook and installed.
 */
import type { SimCluster } from '../mesh';
import { loadModule, type CompiledModules } from './module-loader';
import { both } from './text';
import type { Bilingual, Lab } from '../schema';

/** `undefined`: the lab has no live hook. Otherwise whether the code is in, and if not, why. */
export function goLive(
  lab: Lab,
  modules: CompiledModules,
  cluster: SimCluster,
): { ok: true } | { ok: false; why: Bilingual } | undefined {
  if (lab.live === undefined) return undefined;
  try {
    const why = lab.live({ load: () => loadModule(modules, lab.meta.main), cluster });
    return why === undefined ? { ok: true } : { ok: false, why };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, why: both(`코드 실행 중 오류: ${message}`, `your code threw: ${message}`) };
  }
}
