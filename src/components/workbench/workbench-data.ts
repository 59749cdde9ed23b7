import type { LabPayload } from '../../runtime/types';
import type { LabStrings } from './strings';

/** What the page embeds for the client (a JSON data block, which the page policy does not execute). */
export interface WorkbenchData {
  payload: LabPayload;
  strings: LabStrings;
}

export function readWorkbenchData(root: HTMLElement): WorkbenchData {
  const block = root.querySelector<HTMLScriptElement>('script[type="application/json"][data-workbench-data]');
  if (!block?.textContent) throw new Error('workbench data missing');
  return JSON.parse(block.textContent) as WorkbenchData;
}
