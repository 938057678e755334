import type { OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { HTTP_METHODS } from './openapi';

interface Resource {
  path: RegExp;
  template: string;
  methods: string[];
}

/** The document's paths as the router matches them: a parameter is one segment, case aside, a trailing / allowed. */
function resourcesOf(document: OpenAPIObject): Resource[] {
  return Object.entries(document.paths).map(([template, item]) => {
    const literal = template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
    const methods = HTTP_METHODS.filter((method) => item[method]).map((method) => method.toUpperCase());
    return { path: new RegExp(`^${literal.join('[^/]+')}/?$`, 'i'), template, methods };
  });
}

/** A path's first two segments, lower case: where its resources are looked for. */
const prefixOf = (path: string) => path.split('/').filter(Boolean).slice(0, 2).join('/').toLowerCase();

/**
 * The resources a path may be, by its first two segments (a request tests a few patterns, not all
 * of the document's); those with a parameter there are tested for every path.
 */
function resourceIndex(resources: Resource[]): (path: string) => Resource[] {
  const byPrefix = new Map<string, Resource[]>();
  const anywhere: Resource[] = [];
  for (const resource of resources) {
    const prefix = prefixOf(resource.template);
    if (prefix.includes('{')) anywhere.push(resource);
    else byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), resource]);
  }
  return (path) => [...(byPrefix.get(prefixOf(path)) ?? []), ...anywhere];
}

/**
 * What a resource of the OpenAPI document answers to a method it does not have (RFC 9110 §15.5.6):
 * 405 with Allow, not the router's 404; OPTIONS answers 204 with Allow. HEAD goes where GET goes.
 * Paths outside the document (the console, /docs) are left to the router.
 */
export function methodNotAllowed(document: OpenAPIObject) {
  const candidates = resourceIndex(resourcesOf(document));
  return (request: Request, response: Response, next: NextFunction): void => {
    const matching = candidates(request.path).filter((resource) => resource.path.test(request.path));
    if (matching.length === 0) return next();
    const methods = [...new Set(matching.flatMap((resource) => resource.methods))];
    const allowed = methods.includes('GET') ? [...methods, 'HEAD'] : methods;
    if (allowed.includes(request.method)) return next();
    response.setHeader('Allow', [...allowed, 'OPTIONS'].join(', '));
    if (request.method === 'OPTIONS') {
      response.status(204).end();
      return;
    }
    response.status(405).json({
      code: 'method_not_allowed',
      message: `${request.method} is not a method of ${matching[0].template}: use ${allowed.join(', ')}`,
      details: { allowed },
    });
  };
}
