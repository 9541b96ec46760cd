import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * Static checks of the deployment files (no Docker needed): the properties the running stack relies on,
 * such as health checks, start-up order, Redis settings for BullMQ and a non-root runtime image.
 */

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  ports?: unknown[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

interface DockerfileStage {
  base: string;
  name: string | undefined;
  instructions: { keyword: string; args: string }[];
}

const root = process.cwd();
const read = (file: string): string => readFileSync(join(root, file), 'utf8');

const APP_SERVICES = ['migrate', 'api', 'worker'];

/** `environment` as a map, whichever of the two compose syntaxes (map or `NAME=value` list) is used. */
function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  const entries: [string, string][] = Array.isArray(env)
    ? env.map((line) => {
        const [name = '', ...value] = line.split('=');
        return [name, value.join('=')];
      })
    : Object.entries(env).map(([name, value]) => [name, String(value ?? '')]);
  return Object.fromEntries(entries);
}

function commandOf(service: ComposeService): string {
  return Array.isArray(service.command) ? service.command.join(' ') : (service.command ?? '');
}

/** Service name -> condition; a plain list means `service_started`. */
function dependenciesOf(service: ComposeService): Record<string, string | undefined> {
  const dependsOn = service.depends_on ?? {};
  if (Array.isArray(dependsOn)) return Object.fromEntries(dependsOn.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(dependsOn).map(([name, options]) => [name, options?.condition]));
}

/** The named volumes a service mounts (bind mounts such as `./data:/x` are not named volumes). */
function namedVolumesOf(service: ComposeService): string[] {
  return (service.volumes ?? [])
    .map((volume) =>
      typeof volume === 'string' ? volume.split(':')[0] : volume.type === 'volume' ? volume.source : '',
    )
    .filter((source): source is string => !!source && /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(source));
}

/** Splits a Dockerfile into stages of `{ keyword, args }` instructions (comments dropped, continuations joined). */
function parseDockerfile(text: string): DockerfileStage[] {
  const lines = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: DockerfileStage[] = [];
  for (const line of lines) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') {
      const [, base = '', name] = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(args) ?? [];
      stages.push({ base, name: name?.toLowerCase(), instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

const argsOf = (stage: DockerfileStage, keyword: string): string[] =>
  stage.instructions.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.args);

describe('deployment files', () => {
  describe('docker-compose.yml', () => {
    // `merge: true` resolves the `<<: *anchor` merge keys the way Docker Compose does.
    // A syntax error or a duplicate key makes parse() throw, which fails this suite with the YAML error.
    const compose = (parse(read('docker-compose.yml'), { merge: true }) ?? {}) as ComposeFile;
    const services = compose.services ?? {};

    it('parses to a compose file with services', () => {
      expect(typeof services).toBe('object');
      expect(Array.isArray(services)).toBe(false);
    });

    it('defines the whole stack', () => {
      expect(Object.keys(services)).toEqual(expect.arrayContaining(['postgres', 'redis', 'migrate', 'api', 'worker']));
    });

    it.each(['postgres', 'redis', 'api', 'worker'])('gives %s an enabled health check', (name) => {
      const healthcheck = services[name]?.healthcheck;
      expect(healthcheck?.test).toBeDefined();
      expect(healthcheck?.disable).not.toBe(true);
    });

    it('checks readiness for api and liveness for worker', () => {
      expect(String(services.api?.healthcheck?.test)).toContain('/api/v1/health/ready');
      expect(String(services.worker?.healthcheck?.test)).toContain('/api/v1/health');
    });

    it.each(['api', 'worker'])('starts %s only after healthy dependencies and completed migrations', (name) => {
      expect(dependenciesOf(services[name] ?? {})).toEqual({
        postgres: 'service_healthy',
        redis: 'service_healthy',
        migrate: 'service_completed_successfully',
      });
    });

    it('runs migrations and seeds once, after PostgreSQL is healthy', () => {
      const migrate = services.migrate ?? {};
      expect(commandOf(migrate)).toContain('dist/src/migrate.js run');
      expect(commandOf(migrate)).toContain('dist/src/migrate.js seed');
      expect(dependenciesOf(migrate)).toMatchObject({ postgres: 'service_healthy' });
      expect(migrate).toMatchObject({ restart: 'no' });
    });

    it('runs one app image built from the Dockerfile for migrate, api and worker', () => {
      const images = APP_SERVICES.map((name) => services[name]?.image);
      expect(new Set(images).size).toBe(1);
      expect(images[0]).toBeTruthy();
      expect(APP_SERVICES.filter((name) => services[name]?.build === undefined)).toEqual([]);
    });

    it('sets APP_ROLE per service', () => {
      expect(environmentOf(services.api ?? {}).APP_ROLE).toBe('api');
      expect(environmentOf(services.worker ?? {}).APP_ROLE).toBe('worker');
    });

    it('points the app at the compose PostgreSQL and Redis', () => {
      for (const name of APP_SERVICES) {
        const env = environmentOf(services[name] ?? {});
        expect({ name, host: new URL(env.DATABASE_URL ?? 'missing:').hostname }).toEqual({ name, host: 'postgres' });
        expect({ name, host: new URL(env.REDIS_URL ?? 'missing:').hostname }).toEqual({ name, host: 'redis' });
        expect({ name, NODE_ENV: env.NODE_ENV }).toEqual({ name, NODE_ENV: 'production' });
      }
    });

    it('publishes the api port and not the worker port', () => {
      expect(services.api?.ports).toContain('3000:3000');
      expect(services.worker?.ports).toBeUndefined();
    });

    it('configures Redis the way BullMQ needs it (noeviction, AOF on)', () => {
      const command = commandOf(services.redis ?? {});
      expect(command).toMatch(/--maxmemory-policy\s+noeviction/);
      expect(command).toMatch(/--appendonly\s+yes/);
    });

    it.each(['postgres', 'redis'])('keeps %s data in a named volume declared at the top level', (name) => {
      const volumes = namedVolumesOf(services[name] ?? {});
      expect(volumes).not.toEqual([]);
      expect(Object.keys(compose.volumes ?? {})).toEqual(expect.arrayContaining(volumes));
    });

    it('sets only environment variables documented in .env.example', () => {
      const documented = new Set(
        [...read('.env.example').matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]),
      );
      const undocumented = APP_SERVICES.flatMap((name) =>
        Object.keys(environmentOf(services[name] ?? {}))
          .filter((variable) => !documented.has(variable))
          .map((variable) => `${name}: ${variable}`),
      );
      expect(undocumented).toEqual([]);
    });
  });

  describe('Dockerfile', () => {
    const stages = parseDockerfile(read('Dockerfile'));
    const runtime = stages.at(-1) ?? { base: '', name: undefined, instructions: [] };
    const stageNamed = (name: string) => stages.find((stage) => stage.name === name.toLowerCase());

    it('is a multi-stage build whose runtime stage is on an official Node 24 image', () => {
      expect(stages.length).toBeGreaterThanOrEqual(3);
      expect(runtime.base).toMatch(/^(docker\.io\/)?(library\/)?node:24(\b|[-.])/);
    });

    it('builds with the full dependency set and the project build script', () => {
      const buildRuns = stages.slice(0, -1).flatMap((stage) => argsOf(stage, 'RUN'));
      expect(buildRuns.some((run) => /\bnpm ci\b/.test(run) && !run.includes('--omit=dev'))).toBe(true);
      expect(buildRuns.some((run) => /\bnpm run build\b/.test(run))).toBe(true);
    });

    it('copies node_modules into the runtime only from a stage without dev dependencies', () => {
      const nodeModulesCopies = argsOf(runtime, 'COPY').filter((args) => args.includes('node_modules'));
      expect(nodeModulesCopies).not.toEqual([]);
      for (const copy of nodeModulesCopies) {
        const from = /--from=(\S+)/.exec(copy)?.[1] ?? '(build context)';
        const source = stageNamed(from);
        const installs = source ? argsOf(source, 'RUN').filter((run) => /\bnpm (ci|install|prune)\b/.test(run)) : [];
        // e.g. { from: 'prod-deps', installs: ['npm ci --omit=dev'] }; a stage without --omit=dev has dev deps.
        expect({ from, installs }).toEqual({ from, installs: [expect.stringContaining('--omit=dev')] });
      }
    });

    it('ships dist/ and package.json (for "type": "module") in the runtime', () => {
      const copies = argsOf(runtime, 'COPY');
      expect(copies.some((args) => /--from=\S+/.test(args) && /\bdist\b/.test(args))).toBe(true);
      expect(copies.some((args) => args.includes('package.json'))).toBe(true);
    });

    it('runs in production mode as a non-root user', () => {
      expect(argsOf(runtime, 'ENV').join(' ')).toMatch(/\bNODE_ENV[= ]production\b/);
      const user = argsOf(runtime, 'USER').at(-1);
      expect(user).toBeDefined();
      expect(user?.split(':')[0]).not.toMatch(/^(root|0)$/);
    });

    it('exposes the port, checks health with node and stops on SIGTERM', () => {
      expect(argsOf(runtime, 'EXPOSE')).toContain('3000');
      const healthcheck = argsOf(runtime, 'HEALTHCHECK').at(-1) ?? '';
      expect(healthcheck).toContain('/api/v1/health');
      expect(healthcheck).toMatch(/\bCMD\s+\[\s*"node"/);
      expect(argsOf(runtime, 'STOPSIGNAL')).toEqual(['SIGTERM']);
    });

    it('starts the server with an exec-form CMD so node receives the signals', () => {
      const cmd = argsOf(runtime, 'CMD').at(-1) ?? '';
      expect(cmd.startsWith('[')).toBe(true);
      expect(JSON.parse(cmd)).toEqual(['node', 'dist/src/main.js']);
    });
  });
});
