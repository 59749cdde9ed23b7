/** A lab folder that breaks the format: which folder, and what is wrong (file, field, step). */
export class LabDefinitionError extends Error {
  constructor(folder: string, problem: string) {
    super(`src/labs/${folder}: ${problem}`);
    this.name = 'LabDefinitionError';
  }
}
