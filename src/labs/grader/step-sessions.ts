/**
 * Where each kind of step is graded (the grading model, src/labs/README.md):
 * - a `files` step on a fresh cluster: the lab's setup, the steps before it as their solutions say (files
 *   written, apply-list files applied, commands run), then the learner's files in place of those files;
 * - a `terminal` step on a copy of the learner's own cluster: the lab session replays the learner's journal.
 * Both on the virtual clock with a fixed seed, so the same input always gets the same report.
 */
import { createLabSession, LAB_DIR } from '../lab-session';
import type { JournalEntry, MeshSession } from '../mesh';
import type { Lab } from '../schema';
import { hasDocuments, solutionLines } from '../solution-replay';
import { ReplayError } from './grading-session';

/** How a step's session is built; steps whose plans have the same key may share one session. */
export interface SessionPlan {
  readonly key: string;
  build(): Promise<MeshSession>;
}

/** Step `index` (a files step) on a fresh cluster, with the learner's `workspace` files. */
export function freshClusterPlan(
  lab: Lab,
  index: number,
  workspace: Readonly<Record<string, string>>,
  seed: number,
): SessionPlan {
  // Only the earlier steps that run something change the cluster; their files matter for those lines. Applies
  // after the last command are left out: the learner's files take their place anyway, and steps that differ only
  // there share one session ("Check all" of a config lab boots once for all its files steps).
  const earlier = lab.steps
    .slice(0, index)
    .map((step) => ({ files: step.solution.files, lines: solutionLines(lab, step), commands: step.solution.commands }))
    .filter((step) => step.lines.length > 0);
  const lastCommand = earlier.findLastIndex((step) => step.commands.length > 0);
  earlier.splice(lastCommand + 1);
  const own = lab.steps[index]?.solution.commands ?? [];
  return {
    key: JSON.stringify(['fresh', earlier, own]),
    build: async () => {
      const session = await createLabSession(lab.meta, { seed, clock: 'virtual', files: lab.starter });
      try {
        for (const step of earlier) {
          await session.writeFiles(step.files);
          for (const line of step.lines) await mustRun(session, line);
        }
        await putLearnerFiles(lab, session, earlier, workspace);
        for (const line of own) await session.run(line);
      } catch (error) {
        session.dispose();
        throw error;
      }
      return session;
    },
  };
}

/** A terminal step: a copy of the learner's cluster, with the seed it runs on. */
export function learnerClusterPlan(
  lab: Lab,
  workspace: Readonly<Record<string, string>>,
  journal: readonly JournalEntry[],
  seed: number,
): SessionPlan {
  return {
    key: 'learner',
    build: () => createLabSession(lab.meta, { seed, clock: 'virtual', files: workspace, journal }),
  };
}

/**
 * The learner's files take the place of the files the earlier steps applied (what those created is deleted
 * first, so an object the learner named otherwise does not linger), then are applied as the learner would.
 */
async function putLearnerFiles(
  lab: Lab,
  session: MeshSession,
  earlier: readonly { files: Readonly<Record<string, string>> }[],
  workspace: Readonly<Record<string, string>>,
): Promise<void> {
  for (const file of lab.meta.apply) {
    if (earlier.some((step) => hasDocuments(step.files[file] ?? '')))
      await mustRun(session, `kubectl delete -f ${file} --ignore-not-found`);
  }
  await session.writeFiles(Object.fromEntries(lab.meta.editable.map((path) => [path, workspace[path] ?? ''])));
  for (const file of lab.meta.apply) {
    if (!hasDocuments(workspace[file] ?? '')) continue;
    const result = await session.run(`kubectl apply -f ${LAB_DIR}/${file}`);
    if (result.exitCode !== 0) throw new ReplayError(file, `${result.stdout}${result.stderr}`.trim());
  }
}

/** A line of the lab's own (a solution's) that fails is the lab's defect, not the learner's. */
async function mustRun(session: MeshSession, line: string): Promise<void> {
  const result = await session.run(line);
  if (result.exitCode !== 0) throw new Error(`\`${line}\` exited ${result.exitCode}\n${result.stderr}${result.stdout}`);
}
