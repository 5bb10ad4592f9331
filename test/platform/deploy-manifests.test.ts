import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
import { parseConfig, type ProcessKind } from '../../platform/config';

/**
 * The deployment files, checked without a container engine: docker-compose.yml, every manifest under
 * deploy/k8s and the Dockerfile. Each engine process must start under platform/config.ts's production
 * rules with exactly what its file gives it (a variable set there, or taken from a secret or config map).
 */

const root = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** Valid stand-ins for values the operator provides (from .env or a Secret): the shape config.ts checks. */
const SAMPLE: Record<string, string> = {
  PAYLOAD_KEY: Buffer.alloc(32, 7).toString('base64'),
  JWT_SECRET: 'f'.repeat(64),
  JWT_JWKS_URL: 'https://idp.example.org/jwks.json',
  JWT_ISSUER: 'https://idp.example.org/',
  DATABASE_URL: 'postgres://rcm:pw@postgres:5432/imaging_rcm',
  API_PUBLIC_URL: 'https://rcm.example.org',
};
const sample = (name: string) => SAMPLE[name] ?? 'operator-value';

/** Compose interpolation: `${X:?msg}` is required (a sample stands for it), `${X:-d}` falls back to d, `$$` is a dollar. */
function interpolate(value: string, required: Set<string>): string {
  return value.replace(/\$\$|\$\{([A-Z0-9_]+)(?:(:\?|:-)([^}]*))?\}/g, (whole, name: string | undefined, op: string | undefined, rest: string | undefined) => {
    if (whole === '$$') return '$';
    if (op === ':?') {
      required.add(name!);
      return sample(name!);
    }
    if (op === ':-') return rest ?? '';
    return sample(name!);
  });
}

const PINNED = /^[a-z0-9./_-]+:(?!latest$)[A-Za-z0-9._-]*\d[A-Za-z0-9._-]*$/;
// the API verifies bearer tokens; the worker and the HL7 listener read the configuration without JWT settings
const kindOf = (command: string[]): ProcessKind => { const c = command.join(' '); return c.includes('api/server') ? 'api' : c.includes('hl7/main') ? 'hl7' : 'worker'; };
const ENGINE = /dist\/(api\/server|worker\/main|hl7\/main)\.js/;

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Record<string, unknown>>; networks: Record<string, { internal?: boolean }> };
  const services = Object.entries(compose.services);

  it('pins every image, and runs Temporal on the server and admin-tools images (not auto-setup)', () => {
    for (const [name, s] of services) {
      expect({ name, image: s.image }).toEqual({ name, image: expect.stringMatching(PINNED) });
      expect(String(s.image)).not.toMatch(/auto-setup/);
    }
    const images = services.map(([, s]) => String(s.image));
    expect(images).toContainEqual(expect.stringMatching(/^temporalio\/server:\d+\.\d+\.\d+$/));
    expect(images).toContainEqual(expect.stringMatching(/^temporalio\/admin-tools:\d+\.\d+\.\d+/));
    // production runs the Temporal server release the tests run on (the dev server in tools/temporal-dev is built on it)
    const tested = /^\s*go\.temporal\.io\/server\s+v(\d+\.\d+\.\d+)\s*$/m.exec(read('tools/temporal-dev/go.mod'))![1]!;
    for (const image of images.filter((i) => /^temporalio\/(server|admin-tools):/.test(i))) expect(image).toMatch(new RegExp(`:${tested.replace(/\./g, '\\.')}$`));
    // the server starts once admin-tools has set up the schema
    const server = services.find(([, s]) => String(s.image).startsWith('temporalio/server:'))![1];
    const schema = Object.entries(server.depends_on as Record<string, { condition: string }>).find(([dep]) => String(compose.services[dep]!.image).startsWith('temporalio/admin-tools:'));
    expect(schema?.[1].condition).toBe('service_completed_successfully');
  });

  it('gives every long-running service a health check', () => {
    for (const [name, s] of services) {
      const oneShot = String(s.image).startsWith('temporalio/admin-tools:');
      if (oneShot || name === 'temporal-ui') continue;
      expect({ name, healthcheck: Boolean((s.healthcheck as { test?: unknown } | undefined)?.test) }).toEqual({ name, healthcheck: true });
    }
  });

  it('keeps Temporal and PostgreSQL off the host and out of any public network', () => {
    for (const [name, s] of services) {
      const ports = ((s.ports ?? []) as string[]).map(String);
      for (const p of ports) {
        expect({ name, port: p }).not.toEqual({ name, port: expect.stringMatching(/(^|:)(7233|7234|7235|7239|5432)(\/tcp)?$/) });
      }
      if (/^temporalio\/(server|admin-tools)|^postgres:/.test(String(s.image))) {
        expect({ name, ports }).toEqual({ name, ports: [] });
        for (const net of (s.networks ?? []) as string[]) expect({ name, net, internal: compose.networks[net]?.internal }).toEqual({ name, net, internal: true });
      }
    }
    // the UI, if published at all, only on the host's loopback
    const ui = compose.services['temporal-ui'];
    for (const p of (ui?.ports ?? []) as string[]) expect(p).toMatch(/^127\.0\.0\.1:/);
  });

  it('gives each engine process every variable it needs in production', () => {
    const engine = services.filter(([, s]) => ENGINE.test(((s.command ?? []) as string[]).join(' ')));
    expect(engine.map(([name]) => name).sort()).toEqual(['api', 'hl7', 'worker']);
    for (const [name, s] of engine) {
      const required = new Set<string>();
      const env = Object.fromEntries(Object.entries(s.environment as Record<string, string | number>).map(([k, v]) => [k, interpolate(String(v), required)]));
      const kind = kindOf(s.command as string[]);
      expect(env.NODE_ENV).toBe('production');
      if (name === 'api') {
        // the token verifier is the operator's choice: a JWKS or a shared secret, both passed through
        expect(Object.keys(env)).toEqual(expect.arrayContaining(['JWT_JWKS_URL', 'JWT_SECRET']));
        expect(() => parseConfig({ ...env, JWT_JWKS_URL: sample('JWT_JWKS_URL') }, kind)).not.toThrow();
        expect(() => parseConfig({ ...env, JWT_SECRET: sample('JWT_SECRET') }, kind)).not.toThrow();
      } else {
        expect(() => parseConfig(env, kind)).not.toThrow();
      }
      // what has no default in the file is asked of the operator, never left empty
      for (const key of ['PAYLOAD_KEY', 'DATABASE_URL', 'TEMPORAL_ADDRESS']) expect(env[key]).toBeTruthy();
      expect(required).toContain('PAYLOAD_KEY');
    }
  });
});

interface Container {
  name: string;
  image: string;
  command?: string[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean }; configMapKeyRef?: { name: string; key: string; optional?: boolean } } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { name?: string; containerPort: number }[];
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean; runAsNonRoot?: boolean; capabilities?: { drop?: string[] } };
}
interface Manifest {
  kind: string;
  metadata: { name: string; namespace?: string };
  data?: Record<string, string>;
  spec?: {
    template?: { metadata?: { labels?: Record<string, string> }; spec: { containers: Container[]; securityContext?: { runAsNonRoot?: boolean; runAsUser?: number } } };
    podSelector?: { matchLabels?: Record<string, string> };
    ingress?: { from?: { podSelector?: { matchLabels?: Record<string, string> } }[]; ports?: { port: number }[] }[];
    ports?: { port: number; targetPort?: string | number }[];
    type?: string;
  };
}

describe('deploy/k8s', () => {
  const dir = path.join(root, 'deploy/k8s');
  const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml');
  const manifests: Manifest[] = files.flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map((d) => d.toJS() as Manifest)).filter(Boolean);
  const deployments = manifests.filter((m) => m.kind === 'Deployment');
  const configMaps = new Map(manifests.filter((m) => m.kind === 'ConfigMap').map((m) => [m.metadata.name, m.data ?? {}]));

  it('lists every manifest in the kustomization, namespace-free', () => {
    const kustomization = parse(read('deploy/k8s/kustomization.yaml')) as { resources: string[] };
    expect([...kustomization.resources].sort()).toEqual([...files].sort());
    for (const m of manifests) expect(m.metadata.namespace).toBeUndefined();
  });

  it('runs the api, the worker and the HL7 listener, each with a Service', () => {
    const commands = deployments.map((d) => d.spec!.template!.spec.containers[0]!.command!.join(' '));
    for (const process of ['dist/api/server.js', 'dist/worker/main.js', 'dist/hl7/main.js']) expect(commands).toContainEqual(expect.stringContaining(process));
    const services = manifests.filter((m) => m.kind === 'Service').map((s) => s.metadata.name);
    for (const d of deployments) expect(services).toContain(d.metadata.name);
    // nothing is exposed outside the cluster by these manifests (an Ingress or load balancer is the operator's)
    for (const s of manifests.filter((m) => m.kind === 'Service')) expect(s.spec?.type ?? 'ClusterIP').toBe('ClusterIP');
  });

  it.each(['api', 'worker', 'hl7'])('%s: pinned image, probes on the real health endpoints, resources, non-root read-only', (component) => {
    const d = deployments.find((x) => x.metadata.name === `imaging-rcm-${component}`)!;
    const pod = d.spec!.template!.spec;
    const c = pod.containers[0]!;
    expect(c.image).toMatch(PINNED);
    const portOf = (p: string | number) => (typeof p === 'number' ? p : c.ports!.find((x) => x.name === p)!.containerPort);
    expect(c.readinessProbe?.httpGet?.path).toBe('/readyz');
    expect(c.livenessProbe?.httpGet?.path).toBe('/healthz');
    // the API serves its probes on its own port; the worker and the listener on HEALTH_PORT
    const env = { ...configMaps.get('imaging-rcm'), ...Object.fromEntries((c.env ?? []).filter((e) => e.value !== undefined).map((e) => [e.name, e.value!])) };
    const expectedPort = component === 'api' ? Number(env.API_PORT) : Number(env.HEALTH_PORT);
    expect(portOf(c.readinessProbe!.httpGet!.port)).toBe(expectedPort);
    expect(portOf(c.livenessProbe!.httpGet!.port)).toBe(expectedPort);
    expect(Object.keys(c.resources?.requests ?? {}).sort()).toEqual(['cpu', 'memory']);
    expect(Object.keys(c.resources?.limits ?? {}).sort()).toEqual(['cpu', 'memory']);
    expect(pod.securityContext?.runAsNonRoot).toBe(true);
    expect(pod.securityContext?.runAsUser).toBeGreaterThan(0);
    expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
  });

  it.each(['api', 'worker', 'hl7'])('%s: every variable required in production is set, secrets only by reference', (component) => {
    const d = deployments.find((x) => x.metadata.name === `imaging-rcm-${component}`)!;
    const c = d.spec!.template!.spec.containers[0]!;
    const env: Record<string, string> = {};
    for (const from of c.envFrom ?? []) {
      expect(from.configMapRef && configMaps.has(from.configMapRef.name)).toBe(true);
      Object.assign(env, configMaps.get(from.configMapRef!.name));
    }
    for (const e of c.env ?? []) {
      const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
      if (e.value !== undefined) env[e.name] = e.value;
      else if (ref && !ref.optional) env[e.name] = sample(e.name);
    }
    // keys and credentials never appear in a manifest
    for (const secret of ['DATABASE_URL', 'PAYLOAD_KEY', 'JWT_SECRET', 'TEMPORAL_TLS_KEY']) {
      expect({ secret, inline: (c.env ?? []).some((e) => e.name === secret && e.value !== undefined) || Object.keys(configMaps.get('imaging-rcm') ?? {}).includes(secret) }).toEqual({ secret, inline: false });
    }
    for (const secret of ['DATABASE_URL', 'PAYLOAD_KEY', 'PAYLOAD_KEY_ID']) {
      expect((c.env ?? []).find((e) => e.name === secret)?.valueFrom?.secretKeyRef).toBeDefined();
    }
    expect(() => parseConfig(env, kindOf(c.command!))).not.toThrow();
    expect(env.NODE_ENV).toBe('production');
  });

  it('keeps Temporal private with a NetworkPolicy: only the engine\'s pods reach its frontend', () => {
    const policies = manifests.filter((m) => m.kind === 'NetworkPolicy');
    const temporal = policies.find((p) => p.spec?.podSelector?.matchLabels?.['app.kubernetes.io/name'] === 'temporal');
    expect(temporal).toBeDefined();
    const frontendRule = temporal!.spec!.ingress!.find((r) => (r.ports ?? []).some((p) => p.port === 7233))!;
    const clientLabel = frontendRule.from![0]!.podSelector!.matchLabels!;
    for (const d of deployments) expect(d.spec!.template!.metadata!.labels).toMatchObject(clientLabel);
    // no rule opens Temporal to every source
    for (const rule of temporal!.spec!.ingress!) expect(rule.from?.length ?? 0).toBeGreaterThan(0);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const bases = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]!);

  it('builds on a Node.js LTS from 22 on, slim, and runs as a non-root user with runtime dependencies only', () => {
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) {
      const m = /^node:(\d+)[.-]/.exec(base);
      expect({ base, major: Number(m?.[1]) }).toEqual({ base, major: expect.any(Number) });
      // LTS lines are the even majors
      expect(Number(m![1]) >= 22 && Number(m![1]) % 2 === 0).toBe(true);
      expect(base).toMatch(/-(bookworm|trixie)-slim$/);
    }
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
    expect(runtime).toMatch(/npm ci --omit=dev/);
    const user = /^USER\s+(\S+)/m.exec(runtime)?.[1];
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
  });
});
