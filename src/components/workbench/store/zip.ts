import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/** The workspace as a zip, one entry per file, under a folder named after the lab. */
export function exportZip(labId: string, files: Record<string, string>): Blob {
  const entries = Object.fromEntries(Object.entries(files).map(([path, text]) => [`${labId}/${path}`, strToU8(text)]));
  const bytes = zipSync(entries, { level: 6 });
  return new Blob([bytes.buffer as ArrayBuffer], { type: 'application/zip' });
}

/** Files from a zip made by exportZip (or by hand): the lab folder prefix is optional; only known paths count. */
export function importZip(bytes: Uint8Array, labId: string, known: readonly string[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) {
    const path = name.startsWith(`${labId}/`) ? name.slice(labId.length + 1) : name;
    if (known.includes(path)) files[path] = strFromU8(data);
  }
  return files;
}

export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
