import { openDB, type IDBPDatabase } from 'idb';
import type { CheckRunReport, JournalEntry } from '../../../runtime/types';

/** What the learner has in one lab: the same in both languages, so switching language keeps the work. */
export interface WorkspaceRecord {
  labId: string;
  files: Record<string, string>;
  report?: CheckRunReport;
  /**
   * What each check measured the last time it passed, by check id (CheckRunResult.facts), kept across runs so a
   * step's "your run" text still shows after another step is checked; a failing run of the check drops its entry.
   */
  facts?: Record<string, Record<string, string | number>>;
  /** The learner's own files while the solution is shown (Undo solve). */
  beforeSolve?: Record<string, string>;
  /** What the learner did in the terminal: replayed when the page loads again, so the cluster survives. */
  journal: JournalEntry[];
  /** The step the learner was on. */
  step?: string;
  updatedAt: number;
}

const DB = 'meshdojo';
const WORKSPACES = 'workspaces';
const SETTINGS = 'settings';
// A synchronous copy of the record in localStorage (the key predates the terminal's journal).
const backupKey = (labId: string) => `meshdojo.journal.${labId}`;

/**
 * Persistence in IndexedDB, with a synchronous localStorage backup in front: every change is copied there at
 * once (a tab killed mid-debounce loses nothing) and written to IndexedDB shortly after, which clears the
 * backup. Loading takes whichever of the two is newer.
 */
export class WorkspaceStore {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: WorkspaceRecord | undefined;

  private constructor(private readonly db: IDBPDatabase | undefined) {
    addEventListener('pagehide', () => void this.flush());
  }

  static async open(): Promise<WorkspaceStore> {
    try {
      const db = await openDB(DB, 1, {
        upgrade(database) {
          database.createObjectStore(WORKSPACES, { keyPath: 'labId' });
          database.createObjectStore(SETTINGS);
        },
      });
      return new WorkspaceStore(db);
    } catch {
      // Private modes can refuse IndexedDB; the localStorage backup still keeps the work for this session.
      return new WorkspaceStore(undefined);
    }
  }

  async load(labId: string): Promise<WorkspaceRecord | undefined> {
    const stored = (await this.db?.get(WORKSPACES, labId)) as WorkspaceRecord | undefined;
    const backup = readBackup(labId);
    const newest = backup && (!stored || backup.updatedAt >= stored.updatedAt) ? backup : stored;
    if (newest?.report && isOutdated(newest.report)) delete newest.report;
    return newest;
  }

  save(record: WorkspaceRecord): void {
    this.pending = record;
    try {
      localStorage.setItem(backupKey(record.labId), JSON.stringify(record));
    } catch {
      // Storage full or disabled: IndexedDB below still gets it.
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), 300);
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    const record = this.pending;
    this.pending = undefined;
    if (!record || !this.db) return;
    await this.db.put(WORKSPACES, record);
    if (readBackup(record.labId)?.updatedAt === record.updatedAt) localStorage.removeItem(backupKey(record.labId));
  }

  async setCurrentLab(labId: string, locale: string): Promise<void> {
    await this.db?.put(SETTINGS, { labId, locale, at: Date.now() }, 'current-lab');
  }
}

/** A report saved before checks had a status and a step: the next check run makes a new one. */
function isOutdated(report: CheckRunReport): boolean {
  const limitless = report.status === 'timeout' && report.limitMs === undefined;
  return limitless || report.results.some((result) => result.status === undefined || result.step === undefined);
}

function readBackup(labId: string): WorkspaceRecord | undefined {
  try {
    const text = localStorage.getItem(backupKey(labId));
    return text ? (JSON.parse(text) as WorkspaceRecord) : undefined;
  } catch {
    return undefined;
  }
}
