import { createMergePatch, kindRef, resourceRef, type KubeError, type KubeObject } from '../../index';
import { KUBECTL_ADVICE, writeAdvice } from '../advice';
import { EditorUnavailable, type TextEditor } from '../editor';
import { parseManifests, toJson, toYaml } from '../format/manifests';
import type { Kubectl, Subcommand } from './context';
import { editFilePath, editHeader, hasContent, meaningOf, withoutCommentLines, type EditReason } from './edit-file';
import { editTargets, type EditTarget } from './edit-targets';

type Format = 'yaml' | 'json';

/**
 * `kubectl edit`: the live objects open in the learner's editor (YAML under kubectl's header, or `-o json`);
 * what they save is patched onto the objects. A save the server refuses opens again with why at the top, until
 * the learner fixes it or closes it unchanged (k8s.io/kubectl pkg/cmd/util/editor/editoptions.go).
 */
export const edit: Subcommand = {
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'validate', type: 'string', noValue: 'true' },
    { name: 'field-manager', type: 'string' },
  ],
  run: async (k) => {
    const format = k.flags.string('output');
    if (format !== undefined && format !== 'yaml' && format !== 'json')
      return k.fail(
        `error: unable to match a printer suitable for the output format "${format}", allowed formats are: json,yaml`,
      );
    const targets = await editTargets(k);
    if (typeof targets === 'string') return k.fail(targets);
    if (targets.length === 0) return k.fail('error: edit cancelled, no objects found');
    const editor = k.io.editor;
    if (editor === undefined) {
      writeAdvice(k.io, KUBECTL_ADVICE.edit);
      return 1;
    }
    const path = await editFilePath((p) => k.io.fs.exists(p), format === 'json' ? '.json' : '.yaml');
    try {
      return await editLoop(k, editor, path, targets, format);
    } catch (error) {
      if (!(error instanceof EditorUnavailable)) throw error;
      k.err(`error: ${error.message}\n`);
      writeAdvice(k.io, KUBECTL_ADVICE.editorFailed);
      return 1;
    } finally {
      editor.close(path);
    }
  },
};

/** The object as the editor shows it: without managedFields, which kubectl keeps out of the file. */
function shown(object: KubeObject): Record<string, unknown> {
  const copy = structuredClone(object) as KubeObject & { metadata: { managedFields?: unknown } };
  delete copy.metadata.managedFields;
  return copy as unknown as Record<string, unknown>;
}

async function editLoop(
  k: Kubectl,
  editor: TextEditor,
  path: string,
  targets: readonly EditTarget[],
  output: Format | undefined,
): Promise<number> {
  const json = output === 'json';
  const value =
    targets.length === 1
      ? shown(targets[0]!.object)
      : { apiVersion: 'v1', items: targets.map((t) => shown(t.object)), kind: 'List', metadata: {} };
  // JSON has no comments: kubectl writes no header (and so no reasons) into a JSON file.
  const header = (reasons: readonly EditReason[]) => (json ? '' : editHeader(reasons));
  const original = header([]) + (json ? toJson(value) : toYaml(value));
  /** The learner's last save when the server refused it: the file opens again with it, under the reasons. */
  let refused: { text: string; reasons: EditReason[] } | undefined;
  const keepCopy = async (text: string) => {
    await k.io.fs.writeFile(path, text);
    k.err(`A copy of your changes has been stored to "${path}"\n`);
  };
  for (;;) {
    const opened = refused === undefined ? original : header(refused.reasons) + withoutCommentLines(refused.text);
    // Cancel leaves the file as it was opened, as closing an editor without saving does.
    // The learner takes their time outside the cluster's clock: virtual time waits for them, as for WebCrypto.
    const saved =
      (await k.cluster.track(
        editor.edit(path, opened, { env: k.io.env, ...(k.io.signal !== undefined && { signal: k.io.signal }) }),
      )) ?? opened;
    if (refused !== undefined && meaningOf(refused.text) === meaningOf(saved)) {
      await keepCopy(saved);
      return k.fail('error: Edit cancelled, no valid changes were saved.');
    }
    if (meaningOf(original) === meaningOf(saved)) {
      k.err('Edit cancelled, no changes made.\n');
      return 0;
    }
    if (!hasContent(saved)) {
      k.err('Edit cancelled, saved file was empty.\n');
      return 0;
    }
    const parsed = parseManifests(saved, 'edited-file');
    if (!parsed.ok) {
      const reason = parsed.message.split('\n')[0]!.replace(/^error: /, '');
      refused = { text: saved, reasons: [{ head: `The edited file had a syntax error: ${reason}`, causes: [] }] };
      continue;
    }
    const outcome = patchEach(k, targets, parsed.documents, output);
    if ('error' in outcome) {
      await keepCopy(saved);
      return k.fail(`error: ${outcome.error}`);
    }
    if (outcome.retryable > 0) {
      await k.io.fs.writeFile(path, saved);
      k.err(`You can run \`kubectl replace -f ${path}\` to try this update again.\n`);
      return 1;
    }
    if (outcome.notFound > 0) {
      await k.io.fs.writeFile(path, saved);
      k.err(`The edits you made on deleted resources have been saved to "${path}"\n`);
      return 1;
    }
    if (outcome.reasons.length === 0) return 0;
    refused = { text: saved, reasons: outcome.reasons };
  }
}

/** What patching the saved objects came to: per kind of failure, as kubectl's editResults counts them. */
type PatchOutcome = { reasons: EditReason[]; retryable: number; notFound: number } | { error: string };

/**
 * Patches each saved object onto the live one it was opened from (matched by uid) with the changes the learner
 * made; an object saved as it was opened is skipped. Prints each object's line as kubectl does.
 */
function patchEach(
  k: Kubectl,
  targets: readonly EditTarget[],
  documents: readonly Record<string, unknown>[],
  output: Format | undefined,
): PatchOutcome {
  const reasons: EditReason[] = [];
  let retryable = 0;
  let notFound = 0;
  let printed = 0;
  const print = (target: EditTarget, object: KubeObject, operation: 'edited' | 'skipped') => {
    if (output === undefined) k.out(`${kindRef(target.type)}/${object.metadata.name} ${operation}\n`);
    else
      k.out((output === 'yaml' && printed > 0 ? '---\n' : '') + (output === 'json' ? toJson(object) : toYaml(object)));
    printed++;
  };
  // Every saved object is checked before any is sent: a wrong namespace changes nothing.
  const pairs: { target: EditTarget; document: Record<string, unknown> }[] = [];
  for (const document of documents) {
    const metadata = (document.metadata ?? {}) as { uid?: unknown; name?: unknown; namespace?: unknown };
    const target = targets.find((t) => t.object.metadata.uid === metadata.uid);
    if (target === undefined) return { error: `no original object found for ${String(metadata.name ?? '')}` };
    if (target.type.namespaced && typeof metadata.namespace === 'string' && metadata.namespace !== k.namespace)
      return {
        error: `the namespace from the provided object "${metadata.namespace}" does not match the namespace "${k.namespace}". You must pass '--namespace=${metadata.namespace}' to perform this operation.`,
      };
    pairs.push({ target, document });
  }
  for (const { target, document } of pairs) {
    const before = shown(target.object);
    const namespace = target.object.metadata.namespace;
    const patch = createMergePatch(before, document) as Record<string, unknown>;
    if (Object.keys(patch).length === 0) {
      print(target, target.object, 'skipped');
      continue;
    }
    const renamed = (patch.metadata as Record<string, unknown> | undefined)?.name !== undefined;
    if ('apiVersion' in patch || 'kind' in patch || renamed)
      return { error: 'At least one of apiVersion, kind and name was changed' };
    const name = target.object.metadata.name;
    const result = k.kube.patch(target.type, name, patch, { namespace: namespace ?? k.namespace, type: 'merge' });
    if (result.ok) {
      print(target, result.object ?? target.object, 'edited');
      continue;
    }
    const line = refusal(result.error, `${resourceRef(target.type)} "${name}"`);
    k.err(`${line.message}\n`);
    if (line.reason !== undefined) reasons.push(line.reason);
    else if (result.error.reason === 'NotFound') notFound++;
    else retryable++;
  }
  return { reasons, retryable, notFound };
}

/** kubectl's line for a refused patch, and for an invalid object the reason the file opens again with. */
function refusal(error: KubeError, object: string): { message: string; reason?: EditReason } {
  if (error.reason === 'Invalid')
    return {
      message: `error: ${object} is invalid`,
      reason: { head: `${object} was not valid`, causes: error.causes.map((c) => `${c.field}: ${c.detail}`) },
    };
  if (error.reason === 'NotFound') return { message: `error: ${object} could not be found on the server` };
  return {
    message: `error: ${object} could not be patched: ${error.message.replace(/^Error from server \(\w+\): /, '')}`,
  };
}
