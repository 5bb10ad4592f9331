import { ConfigError, parseConfig } from '../../platform/config';
import { workflowTracingModules } from '../../platform/tracing';

describe('traces configuration', () => {
  test('off unless an OTLP endpoint is set: no tracing, and the untraced workflow interceptors', () => {
    const config = parseConfig({ NODE_ENV: 'test' }, 'api');
    expect(config.tracing).toBeUndefined();
    expect(workflowTracingModules(config)[0]).toMatch(/workflows[/\\]tracing[/\\]untraced/);
  });

  test('the base endpoint: traces go to its /v1/traces, under the process\'s own service name', () => {
    for (const [kind, name] of [['api', 'imaging-rcm-api'], ['worker', 'imaging-rcm-worker'], ['hl7', 'imaging-rcm-hl7'], ['all', 'imaging-rcm']] as const) {
      const config = parseConfig({ NODE_ENV: 'test', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318/' }, kind);
      expect(config.tracing).toEqual({ tracesUrl: 'http://otel-collector:4318/v1/traces', serviceName: name });
      expect(workflowTracingModules(config)[0]).toMatch(/workflows[/\\]tracing[/\\]traced/);
    }
  });

  test('a traces endpoint of its own and a service name win', () => {
    const config = parseConfig({ NODE_ENV: 'test', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example.org/otlp/v1/traces', OTEL_SERVICE_NAME: 'rcm-site-7-api' }, 'api');
    expect(config.tracing).toEqual({ tracesUrl: 'https://traces.example.org/otlp/v1/traces', serviceName: 'rcm-site-7-api' });
  });

  test('a malformed endpoint stops the start with the variable named', () => {
    expect(() => parseConfig({ NODE_ENV: 'test', OTEL_EXPORTER_OTLP_ENDPOINT: 'otel-collector:4318' }, 'api')).toThrow(ConfigError);
    expect(() => parseConfig({ NODE_ENV: 'test', OTEL_EXPORTER_OTLP_ENDPOINT: 'otel-collector:4318' }, 'api')).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
  });
});
