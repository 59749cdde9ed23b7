import { defineLab } from '../schema';
import { FAULTY_RATINGS_PATCH } from './faulty-ratings';

export default defineLab({
  id: 'timeouts-retries',
  lesson: '3.4',
  lessonSlug: 'part-3/timeouts-retries',
  title: {
    ko: '타임아웃과 재시도: 느린 ratings, 불안정한 ratings',
    en: 'Timeouts and retries: a slow ratings, a flaky ratings',
  },
  summary: {
    ko: 'ratings를 2.5초 늦추고, 페이지가 1.5초 안에 돌아오도록 타임아웃을 알맞은 홉에 둡니다. 그다음 절반을 503으로 답하는 ratings를 재시도로 감추고, perTryTimeout을 라우트 타임아웃보다 길게 두면 무슨 일이 생기는지 직접 망가뜨려 봅니다. 채점은 가상 시계로 잰 페이지 시간과 사이드카의 재시도 통계로 합니다.',
    en: 'Delay ratings by 2.5 s, then put a timeout on the right hop so the page comes back within 1.5 s. Next, hide a ratings that answers half its calls with 503 behind retries, and break it on purpose with a perTryTimeout longer than the route timeout. Grading times the pages on the virtual clock and reads the sidecars’ retry stats.',
  },
  kind: 'config',
  difficulty: 'intermediate',
  preset: 'bookinfo',
  setup: ['kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml'],
  editable: ['virtual-services.yaml'],
  main: 'virtual-services.yaml',
  apply: ['virtual-services.yaml'],
  steps: [
    { id: 'slow-ratings', minutes: 6 },
    { id: 'page-budget', minutes: 7 },
    { id: 'retry-faulty-ratings', minutes: 9, commands: [FAULTY_RATINGS_PATCH] },
    { id: 'break-it', minutes: 6 },
  ],
});
