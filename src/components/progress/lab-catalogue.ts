/**
 * Every lab as the catalogue, the sidebar's progress marks and "next lab" show it, in course order and in
 * one language. Build time only: it reads the labs through the runtime's bridge, like the lab pages.
 */
import { labIds, labPayload } from '../../runtime/labs-bridge';
import type { LabPayload, Locale } from '../../runtime/types';

export type Difficulty = LabPayload['difficulty'];

export interface CatalogueLab {
  id: string;
  title: string;
  summary: string;
  kind: 'code' | 'config';
  /** The lesson the lab belongs to, without locale (`part-1/circuit-breaker`). */
  lessonSlug: string;
  url: string;
  difficulty: Difficulty;
  /** Estimated time: the sum of its steps' minutes. */
  minutes: number;
  /** Its steps' ids in order: a lab is done when all of them have passed. */
  stepIds: string[];
}

export function labCatalogue(locale: Locale): CatalogueLab[] {
  return labIds().map((id) => {
    const payload = labPayload(id, locale);
    const { difficulty, steps } = payload;
    return {
      id,
      title: payload.title,
      summary: payload.summary,
      kind: payload.kind,
      lessonSlug: payload.lessonSlug,
      url: `/${locale}/labs/${id}/`,
      difficulty,
      minutes: steps.reduce((sum, step) => sum + step.minutes, 0),
      stepIds: steps.map((step) => step.id),
    };
  });
}
