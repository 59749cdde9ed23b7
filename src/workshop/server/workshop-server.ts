/**
 * One Node process for a workshop: the built course (scripts/serve.mjs's handler: compressed static files, the
 * site's security headers) and the workshop API under /api/, so learners need one address and nothing else.
 */
import { createServer, type Server } from 'node:http';
import { createCourseHandler } from '../../../scripts/serve.mjs';
import type { WorkshopApi } from './workshop-api';

export function createWorkshopServer(api: WorkshopApi, distDir: string): Server {
  const course = createCourseHandler(distDir);
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/api/')) void api.handle(req, res);
    else course(req, res);
  });
  server.on('close', () => api.close());
  return server;
}
