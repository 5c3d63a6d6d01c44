// Every route the app knows, read from Fastify's own table, so a route walk covers routes added later.
import type { FastifyInstance } from 'fastify';

export interface FoundRoute {
  method: string;
  url: string;
}

/** `printRoutes()` draws a tree: a node's full path is its ancestors' segments joined with its own. HEAD is left out. */
export function listRoutes(app: FastifyInstance): FoundRoute[] {
  const found: FoundRoute[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([\s│]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const [, indent = '', segment = '', methods] = match;
    const depth = indent.length / 4;
    stack[depth] = segment;
    stack.length = depth + 1;
    if (!methods) continue;
    for (const method of methods.split(',').map((m) => m.trim())) if (method !== 'HEAD') found.push({ method, url: stack.join('') });
  }
  return found;
}

/** A URL with every `:param` filled in (`*` wildcards too), good enough to reach the route's guards and handler. */
export function concreteUrl(url: string, values: Record<string, string> = {}): string {
  return url.replace(/:([A-Za-z]+)/g, (_, name: string) => values[name] ?? '1').replace(/\*$/, 'x');
}
