import type { SandboxEnd } from '../../runtime/types';

/**
 * The workbench's UI strings (dotted keys in src/i18n/{ko,en}.json). The page resolves them with
 * Astro.locals.t() and hands them to the client as data, so the browser ships no translation library.
 */
export const LAB_STRING_KEYS = [
  'lab.page.title',
  'lab.page.back',
  'lab.open',
  'lab.open.description',
  'lab.instructions.label',
  'lab.steps.label',
  'lab.steps.count',
  'lab.steps.previous',
  'lab.steps.next',
  'lab.steps.minutes',
  'lab.steps.kind.files',
  'lab.steps.kind.terminal',
  'lab.steps.kind.quiz',
  'lab.quiz.label',
  'lab.quiz.unanswered',
  'lab.quiz.wrong',
  'lab.steps.done',
  'lab.steps.hints',
  'lab.steps.hint.show',
  'lab.steps.why',
  'lab.steps.yourRun',
  'lab.steps.run',
  'lab.steps.complete',
  'lab.workspace.label',
  'lab.files.label',
  'lab.editor.label',
  'lab.editor.loading',
  'lab.editor.readOnly',
  'lab.edit.waiting',
  'lab.edit.save',
  'lab.edit.cancel',
  'lab.edit.applying',
  'lab.terminal.label',
  'lab.terminal.booting',
  'lab.terminal.maximize',
  'lab.keys.leave',
  'lab.checks.label',
  'lab.check.step',
  'lab.check.all',
  'lab.check.stepHeading',
  'lab.check.running',
  'lab.check.none',
  'lab.check.passed',
  'lab.check.failed',
  'lab.check.pass',
  'lab.check.fail',
  'lab.check.errored',
  'lab.check.expected',
  'lab.check.seen',
  'lab.check.hint',
  'lab.check.compileError',
  'lab.check.timeout',
  'lab.check.error',
  'lab.sandbox.refused',
  'lab.sandbox.flood',
  'lab.sandbox.stalled',
  'lab.terminal.restarted',
  'lab.check.duration',
  'lab.solve',
  'lab.solve.undo',
  'lab.solve.done',
  'lab.live.installed',
  'lab.live.failed',
  'lab.reset',
  'lab.reset.cluster',
  'lab.reset.cluster.confirm',
  'lab.reset.cluster.done',
  'lab.restored',
  'lab.reset.confirm',
  'lab.diff',
  'lab.diff.close',
  'lab.diff.label',
  'lab.diff.yours',
  'lab.diff.solution',
  'lab.format',
  'lab.export',
  'lab.import',
  'lab.import.done_one',
  'lab.import.done_other',
  'lab.import.failed',
  'lab.import.otherLab',
  'lab.import.nothing',
  'lab.import.zipTooLarge',
  'lab.import.entryTooLarge',
  'lab.import.totalTooLarge',
  'lab.import.tooManyEntries',
  'lab.import.timeout',
  'lab.import.confirm',
  'lab.import.cancelled',
  'lab.saved',
  'lab.toolbar.label',
  'lab.resize.columns',
  'lab.resize.rows',
  'lab.runtime.label',
  'lab.runtime.booting',
  'lab.runtime.failed',
  'lab.runtime.setting',
  'lab.runtime.auto',
  'lab.runtime.unknown',
  'lab.graph.tab',
  'lab.browser.tab',
  'lab.browser.label',
  'lab.browser.back',
  'lab.browser.forward',
  'lab.browser.reload',
  'lab.browser.address',
  'lab.browser.go',
  'lab.browser.page',
  'lab.browser.empty.title',
  'lab.browser.empty',
  'lab.browser.loading',
  'lab.browser.status',
  'lab.browser.truncated',
  'lab.browser.variable.title',
  'lab.browser.variable',
  'lab.browser.unavailable.title',
  'lab.browser.unavailable',
  'lab.browser.failed.title',
  'lab.browser.failed',
  'lab.browser.error.title',
  'lab.browser.error.ERR_NAME_NOT_RESOLVED',
  'lab.browser.error.ERR_CONNECTION_REFUSED',
  'lab.browser.error.ERR_CONNECTION_TIMED_OUT',
  'lab.browser.error.ERR_ADDRESS_UNREACHABLE',
  'lab.browser.error.ERR_CONNECTION_RESET',
  'lab.browser.error.ERR_TOO_MANY_REDIRECTS',
  'lab.browser.error.ERR_TIMED_OUT',
  'lab.browser.error.ERR_INVALID_URL',
  'lab.browser.error.ERR_UNKNOWN_URL_SCHEME',
  'lab.browser.error.ERR_SSL_PROTOCOL_ERROR',
  'lab.requests.tab',
  'lab.requests.label',
  'lab.requests.list',
  'lab.requests.count_one',
  'lab.requests.count_other',
  'lab.requests.empty',
  'lab.requests.off',
  'lab.requests.unavailable',
  'lab.requests.failed',
  'lab.requests.col.method',
  'lab.requests.col.authority',
  'lab.requests.col.path',
  'lab.requests.col.code',
  'lab.requests.col.flags',
  'lab.requests.col.duration',
  'lab.requests.detail',
  'lab.requests.pick',
  'lab.requests.gone',
  'lab.requests.why',
  'lab.requests.cause',
  'lab.requests.client.pod',
  'lab.requests.client.outside',
  'lab.requests.server',
  'lab.requests.calls',
  'lab.requests.open',
  'lab.requests.open.title',
  'lab.metrics.tab',
  'lab.metrics.label',
  'lab.metrics.controls',
  'lab.metrics.metric',
  'lab.metrics.show',
  'lab.metrics.show.rate',
  'lab.metrics.show.p50',
  'lab.metrics.show.p90',
  'lab.metrics.show.p99',
  'lab.metrics.groupBy',
  'lab.metrics.filters',
  'lab.metrics.any',
  'lab.metrics.all',
  'lab.metrics.status',
  'lab.metrics.empty',
  'lab.metrics.none',
  'lab.metrics.full',
  'lab.metrics.unavailable',
  'lab.metrics.failed',
  'lab.metrics.chart',
  'lab.metrics.legend',
  'lab.metrics.time',
  'lab.metrics.unit.rate',
  'lab.metrics.unit.ms',
  'lab.metrics.table',
  'lab.metrics.col.rate',
  'lab.metrics.col.total',
  'lab.metrics.col.p50',
  'lab.metrics.col.p90',
  'lab.metrics.col.p99',
  'lab.metrics.sort',
  'lab.graph.label',
  'lab.graph.empty',
  'lab.graph.rate',
  'lab.graph.errors',
  'lab.graph.mtls',
  'lab.graph.breaker',
  'lab.graph.ejected',
  'lab.graph.pods',
  'lab.graph.sidecar',
  'lab.graph.table',
  'lab.graph.from',
  'lab.graph.to',
  'lab.graph.traffic',
  'lab.graph.legend',
  'lab.graph.ejectedMark',
] as const;

export type LabStringKey = (typeof LAB_STRING_KEYS)[number];
export type LabStrings = UiStrings<LabStringKey>;

/** Strings by key; a count's singular form (`<key>_one`, see formatCount) exists only where a language has one. */
export type UiStrings<K extends string> = Record<Exclude<K, `${string}_one`>, string> &
  Partial<Record<Extract<K, `${string}_one`>, string>>;

/** `keys` from a language's JSON: a missing key shows as itself, except a singular form the language lacks. */
export function uiStringsOf<K extends string>(all: Readonly<Record<string, string>>, keys: readonly K[]): UiStrings<K> {
  const present = keys.filter((key) => Object.hasOwn(all, key) || !key.endsWith('_one'));
  return Object.fromEntries(present.map((key) => [key, all[key] ?? key])) as UiStrings<K>;
}

/** Fills `{{name}}` placeholders (the i18next syntax the JSON files use). */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => String(values[name] ?? whole));
}

/** Why the sandbox stopped the learner's code, in the page's language. */
export function describeSandboxEnd(why: SandboxEnd, t: LabStrings): string {
  return format(t[`lab.sandbox.${why.cause}`], { limit: why.limit ?? '' });
}

/**
 * Fills the form of `key` that `count` takes in language `lang`, from i18next's plural keys: `<key>_one` and
 * `<key>_other` ("Imported 1 file." / "Imported 2 files."). Korean counts have one form, so its JSON holds only
 * `<key>_other` ("파일 2개를 가져왔습니다."). `count` is one of the values.
 */
export function formatCount<K extends string>(
  t: Readonly<Partial<Record<`${K}_one`, string>> & Record<`${K}_other`, string>>,
  key: K,
  count: number,
  lang: string,
  values: Record<string, string | number> = {},
): string {
  const forms: Readonly<Record<string, string | undefined>> = t;
  const one = new Intl.PluralRules(lang).select(count) === 'one' ? forms[`${key}_one`] : undefined;
  return format(one ?? forms[`${key}_other`] ?? key, { ...values, count });
}

/** The workbench strings of one language, straight from the JSON (placeholders left for the client). */
export async function labStrings(locale: 'ko' | 'en'): Promise<LabStrings> {
  const all = (await (locale === 'ko' ? import('../../i18n/ko.json') : import('../../i18n/en.json'))).default as Record<
    string,
    string
  >;
  return uiStringsOf(all, LAB_STRING_KEYS);
}
