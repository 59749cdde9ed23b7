/**
 * Runaway detection that a busy machine cannot fake: the learner's compiled code counts its own work — one tick
 * each time a loop goes round and each time a function is entered (instrumentWork) — and a check whose code
 * spends more than WORK_BUDGET ticks is stopped and reported as a loop that never ends. A count does not grow
 * when other processes take the CPU, as wall-clock seconds do; simulated time has its own budget
 * (grading-session.ts). The wall-clock limit (CHECK_TIME_LIMIT_MS) stays behind both, for work no tick sees: a
 * regular expression that backtracks for ever, code that removed its own ticks.
 */
import { parse, type Node } from 'acorn';
import { full } from 'acorn-walk';
import MagicString from 'magic-string';

/**
 * Ticks one check's learner code may spend. The labs' solutions and starters spend at most a few hundred
 * thousand per check (work-meter.test.ts keeps them under a hundredth of this); a loop that never ends reaches
 * it in well under a second on a slow laptop.
 */
export const WORK_BUDGET = 50_000_000;

/** The name instrumented code calls its meter by: a parameter of the function each module is evaluated in. */
export const WORK_TICK = '__meshdojoWork';

/** Thrown by the tick that goes over the budget, and by every tick after it. */
export class WorkBudgetExceeded extends Error {
  constructor(readonly budget: number) {
    super(`your code went round its loops (or called its functions) more than ${budget.toLocaleString('en')} times`);
    this.name = 'WorkBudgetExceeded';
  }
}

/** One check's count. Once over the budget it stays over: code that catches the error cannot loop on. */
export class WorkMeter {
  private spent = 0;

  constructor(readonly budget = WORK_BUDGET) {}

  readonly tick = (): void => {
    if (++this.spent > this.budget) throw new WorkBudgetExceeded(this.budget);
  };

  get used(): number {
    return this.spent;
  }

  get exceeded(): boolean {
    return this.spent > this.budget;
  }
}

/** A meter that counts nothing: learner code running where nothing grades it. */
export const UNMETERED = (): void => undefined;

type Span = Node & { body: Node };

const LOOPS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);
const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/**
 * Adds a tick at the top of every loop body and function body of `code` (JavaScript, as sucrase leaves it).
 * Every insertion stays on its line, so line numbers in stack traces and compile errors still point at the
 * learner's file.
 */
export function instrumentWork(code: string): string {
  const ast = parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true });
  const out = new MagicString(code);
  const tick = `${WORK_TICK}();`;
  const spans: Span[] = [];
  full(ast, (node) => {
    if (LOOPS.has(node.type) || FUNCTIONS.has(node.type)) spans.push(node as Span);
  });
  // Outer before inner: openings are appended after what is already there and closings put before it, so
  // insertions at one position nest (`while (x) f = () => y` ends in `)}`).
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  for (const { type, body } of spans) {
    if (body.type === 'BlockStatement') out.appendRight(body.start + 1, tick);
    else if (LOOPS.has(type)) {
      out.appendRight(body.start, `{${tick}`);
      out.prependLeft(body.end, '}');
    } else {
      // An arrow function's expression body: tick, then the value.
      out.appendRight(body.start, `(${WORK_TICK}(), `);
      out.prependLeft(body.end, ')');
    }
  }
  return out.toString();
}
