import type { NksClusterInfo } from './types';

/** The learner's laptop on the internet: outside the VPC, it reaches only public (load balancer) addresses. */
export const LAPTOP_ADDRESS = '203.0.113.10';

/** The NKS cluster the course plays: one cluster in the KR region, as the NAVER Cloud console would show it. */
export const NKS_CLUSTER: NksClusterInfo = {
  name: 'meshdojo-cluster',
  uuid: '0b8e7a3c-5d2f-4c1a-9e6b-7f3d2a1c4b5e',
  region: 'KR',
  server: 'https://0b8e7a3c-5d2f-4c1a-9e6b-7f3d2a1c4b5e.kr.vnks.ntruss.com',
  kubernetesVersion: 'v1.33.4',
};
