/**
 * The labs as the workshop pages need them, in course order and one language: titles for the create form, steps
 * for the board's columns, and each check's title and hint for "why is this learner stuck". Build time only.
 */
import { labCheckTexts, labIds, labPayload } from '../../runtime/labs-bridge';
import type { Locale } from '../../runtime/types';

export interface WorkshopCheck {
  readonly id: string;
  readonly title: string;
  readonly hint: string;
}

export interface WorkshopLab {
  readonly id: string;
  readonly title: string;
  readonly steps: readonly { readonly id: string; readonly title: string; readonly checks: readonly WorkshopCheck[] }[];
}

export function workshopCatalogue(locale: Locale): WorkshopLab[] {
  return labIds().map((id) => {
    const payload = labPayload(id, locale);
    const checks = labCheckTexts(id, locale);
    return {
      id,
      title: payload.title,
      steps: payload.steps.map((step) => ({
        id: step.id,
        title: step.title,
        checks: checks.filter((check) => check.step === step.id).map(({ id, title, hint }) => ({ id, title, hint })),
      })),
    };
  });
}
