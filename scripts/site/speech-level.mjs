// The course writes Korean in 합니다체 (course-standards.md), its requests included: "확인하십시오", not the
// 해요체 "확인하세요" or "확인해요". Code fences are left alone: a command's output is the tool's, not ours.
import { proseLines } from './glossary-rules.mjs';

/**
 * 해요체: a request in -세요 anywhere ("확인하세요"), or a word ending a sentence in 요 ("봐요.", "정상이에요.").
 * Nouns that end in 요 (필요, 개요, 중요, 주요, 수요) are not endings, and a question in -까요 reads as 합니다체 prose.
 */
const POLITE_INFORMAL =
  /\p{Script=Hangul}*\p{Script=Hangul}세요|\p{Script=Hangul}*(?<![필개중주수까])요(?=[.!?)"'”’]|$)/u;

/** `file:line: "확인하세요" is 해요체 → write 합니다체 (확인하십시오, 확인합니다)` for each offending line. */
export function speechLevelProblems({ file, text }) {
  const problems = [];
  for (const { line, index } of proseLines(text)) {
    // A greeting in a sample command's argument is not a request.
    const found = POLITE_INFORMAL.exec(line.replaceAll('안녕하세요', ''));
    if (found) problems.push(`${file}:${index + 1}: "${found[0]}" is 해요체 → write 합니다체 (-십시오, -습니다)`);
  }
  return problems;
}
