import type { Request } from 'express';

/**
 * The route template Express matched for a request (`/api/stations/:id`), or null when no route
 * took it (an unknown path, a request refused before routing). Metrics and logs label by it, never
 * by the path itself: the number of distinct values stays bounded and no id or name leaks.
 */
export function routeTemplate(req: Request): string | null {
  const template = (req.route as { path?: unknown } | undefined)?.path;
  return typeof template === 'string' ? `${req.baseUrl}${template}` : null;
}
