// `npm run bench`: runs every `src/**/*.bench.ts` module's `run()` and prints its figures next to the goals.
// Benchmarks report; they never fail the build (performance is judged from these numbers, not timed tests).
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  goal?: string;
}

const root = fileURLToPath(new URL('..', import.meta.url));

function benchFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return benchFiles(path);
    return name.endsWith('.bench.ts') ? [path] : [];
  });
}

const filter = process.argv[2];
const files = benchFiles(join(root, 'src')).filter((file) => !filter || file.includes(filter));
for (const file of files) {
  const module = (await import(pathToFileURL(file).href)) as { run?: () => Promise<Figure[]> };
  if (typeof module.run !== 'function') continue;
  console.log(`\n${relative(root, file)}`);
  for (const figure of await module.run()) {
    const value = figure.value >= 100 ? Math.round(figure.value).toLocaleString('en') : figure.value.toPrecision(3);
    console.log(
      `  ${figure.name.padEnd(64)} ${value.padStart(12)} ${figure.unit}${figure.goal ? `   (goal: ${figure.goal})` : ''}`,
    );
  }
}
process.exit(0);
