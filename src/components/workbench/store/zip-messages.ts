import { format, type LabStrings } from '../strings';
import type { ZipRefusal } from './zip-refusal';

/** What the notice says when a zip is refused, in the page's language. */
export function refusalMessage(refusal: ZipRefusal, t: LabStrings, locale: 'ko' | 'en'): string {
  const size = (bytes: number) => formatBytes(bytes, locale);
  switch (refusal.reason) {
    case 'zip-too-large':
      return format(t['lab.import.zipTooLarge'], { size: size(refusal.bytes), limit: size(refusal.limit) });
    case 'entry-too-large':
      return format(t['lab.import.entryTooLarge'], {
        name: refusal.name,
        size: size(refusal.bytes),
        limit: size(refusal.limit),
      });
    case 'total-too-large':
      return format(t['lab.import.totalTooLarge'], { size: size(refusal.bytes), limit: size(refusal.limit) });
    case 'too-many-entries':
      return format(t['lab.import.tooManyEntries'], { count: refusal.count, limit: refusal.limit });
    case 'other-lab':
      return format(t['lab.import.otherLab'], { lab: refusal.lab });
    case 'timeout':
      return format(t['lab.import.timeout'], { seconds: refusal.ms / 1000 });
    case 'unreadable':
      return format(t['lab.import.failed'], { error: refusal.error });
  }
}

/** `1 GB`, `2 MB`, `512 KB` (powers of 1,024), as the learner's file manager would say it. */
export function formatBytes(bytes: number, locale: 'ko' | 'en'): string {
  const units = [
    ['gigabyte', 1024 ** 3],
    ['megabyte', 1024 ** 2],
    ['kilobyte', 1024],
  ] as const;
  const [unit, size] = units.find(([, size]) => bytes >= size) ?? ['byte', 1];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(bytes / size);
}
