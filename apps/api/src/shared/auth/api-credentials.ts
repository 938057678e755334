import { createHash, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { jwtVerify } from 'jose';
import type { Logger } from 'pino';
import type { AppConfig } from '@app/config';
import type { RunningDatabase } from '@app/database';
import { APP_CONFIG, ROOT_LOGGER, RUNNING_DATABASE } from '@app/platform';
import { newApiKey, SCOPES, sha256Hex, type Principal, type Scope } from '@app/commanding';

interface ApiKeyEntry {
  id: string;
  sha256: Buffer;
  scopes: Scope[];
}

function parseScopes(value: unknown, where: string): Scope[] {
  const list = typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : value;
  if (!Array.isArray(list) || list.some((scope) => !(SCOPES as readonly unknown[]).includes(scope))) {
    throw new Error(`${where}: scopes must be a list of ${SCOPES.join(', ')}`);
  }
  return list as Scope[];
}

/** Reads API_KEYS: a JSON array of `{ "id": "crm", "sha256": "<hex of the key>", "scopes": ["tickets:write"] }`. */
export function parseApiKeys(raw: string): ApiKeyEntry[] {
  let entries: unknown;
  try {
    entries = JSON.parse(raw);
  } catch {
    throw new Error('API_KEYS must be a JSON array of {"id", "sha256", "scopes"}');
  }
  if (!Array.isArray(entries)) throw new Error('API_KEYS must be a JSON array of {"id", "sha256", "scopes"}');
  return entries.map((entry: { id?: unknown; sha256?: unknown; scopes?: unknown }, index) => {
    const where = `API_KEYS[${index}]`;
    if (typeof entry?.id !== 'string' || entry.id.length === 0)
      throw new Error(`${where}.id must be a non-empty string`);
    if (typeof entry.sha256 !== 'string' || !/^[0-9a-f]{64}$/i.test(entry.sha256))
      throw new Error(`${where}.sha256 must be the SHA-256 of the key in hex (64 characters)`);
    return {
      id: entry.id,
      sha256: Buffer.from(entry.sha256, 'hex'),
      scopes: parseScopes(entry.scopes, `${where}.scopes`),
    };
  });
}

/**
 * Bearer tokens: service API keys, stored only as SHA-256 hashes, and HS256 JWTs with
 * issuer and audience. With neither configured on the embedded database, a development key with
 * every scope is kept under DATA_DIR so a newcomer can call the API at once; against a real
 * database the API refuses to start unauthenticated.
 */
@Injectable()
export class ApiCredentials implements OnModuleInit {
  private keys: ApiKeyEntry[] = [];
  private jwtKey?: Uint8Array;
  /** The development key in clear, when one is in use (printed at start). */
  developmentKey?: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RUNNING_DATABASE) private readonly database: RunningDatabase,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.API_KEYS) this.keys = parseApiKeys(this.config.API_KEYS);
    if (this.config.JWT_SECRET) this.jwtKey = new TextEncoder().encode(this.config.JWT_SECRET);
    if (this.keys.length > 0 || this.jwtKey) return;
    if (!this.database.embedded)
      throw new Error('Set API_KEYS or JWT_SECRET: the API does not run unauthenticated against DATABASE_URL');
    this.developmentKey = await this.loadDevelopmentKey();
    this.keys = [
      { id: 'development', sha256: Buffer.from(sha256Hex(this.developmentKey), 'hex'), scopes: [...SCOPES] },
    ];
    this.logger.warn(
      'no API_KEYS or JWT_SECRET: using the development API key (all scopes); configure real credentials before sharing this service',
    );
  }

  private async loadDevelopmentKey(): Promise<string> {
    const file = join(this.config.DATA_DIR, 'development-api-key');
    const existing = await readFile(file, 'utf8').catch(() => undefined);
    if (existing?.trim()) return existing.trim();
    const { key } = newApiKey('development', [...SCOPES], 'sk_dev');
    await mkdir(this.config.DATA_DIR, { recursive: true });
    await writeFile(file, `${key}\n`, { mode: 0o600 });
    return key;
  }

  /** The principal a bearer token stands for, or undefined if it is not valid. */
  async authenticate(token: string): Promise<Principal | undefined> {
    if (token.split('.').length === 3) return this.jwt(token);
    const digest = createHash('sha256').update(token).digest();
    const entry = this.keys.find((key) => timingSafeEqual(key.sha256, digest));
    return entry && { actor: { kind: 'service', id: entry.id }, scopes: new Set(entry.scopes), via: 'api_key' };
  }

  private async jwt(token: string): Promise<Principal | undefined> {
    if (!this.jwtKey) return undefined;
    try {
      const { payload } = await jwtVerify(token, this.jwtKey, {
        algorithms: ['HS256'],
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
        requiredClaims: ['sub', 'exp'],
      });
      const scopes = parseScopes(payload.scope ?? payload.scp ?? [], 'scope claim');
      const kind = payload.actor_kind === 'service' ? 'service' : 'agent';
      return { actor: { kind, id: payload.sub as string }, scopes: new Set(scopes), via: 'jwt' };
    } catch {
      return undefined;
    }
  }
}
