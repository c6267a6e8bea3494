// Tiny in-process stand-ins for admin-api, data-api and websocket-ingestion (127.0.0.1, port 0), shaped like
// homeiq-facts.md §2–3, so the dashboard twins can be driven by a browser in unit tests and benchmarks.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** A request one of the fakes received. */
export interface RecordedRequest {
  readonly upstream: 'admin-api' | 'data-api' | 'websocket-ingestion';
  readonly path: string;
  readonly authorization: string | undefined;
}

/** Options of {@link startFakeHomeiqUpstreams}. */
export interface FakeUpstreamsOptions {
  /** Bearer key data-api requires (except /health). */
  readonly apiKey: string;
  /** Service → status returned by admin-api `/api/v1/health/services`. @default a healthy set plus sports-api unhealthy */
  readonly serviceStatuses?: Readonly<Record<string, string>>;
  /** websocket-ingestion events per second added to `total_events_received`. @default 20 */
  readonly eventsPerSecond?: number;
}

/** The running fakes. */
export interface FakeHomeiqUpstreams {
  readonly adminApiUrl: string;
  readonly dataApiUrl: string;
  readonly websocketUrl: string;
  readonly requests: readonly RecordedRequest[];
  /** Changes what `/api/v1/health/services` reports from now on. */
  setServiceStatus(name: string, status: string): void;
  close(): Promise<void>;
}

const DEFAULT_STATUSES: Record<string, string> = {
  'websocket-ingestion': 'healthy',
  influxdb: 'pass',
  'weather-api': 'healthy',
  'sports-api': 'unhealthy',
  'electricity-pricing-service': 'healthy',
  'carbon-intensity-service': 'healthy',
};

const DEVICES = [
  { device_id: 'd1', name: 'Kitchen Light', manufacturer: 'Philips', model: 'Hue White', area_id: 'kitchen', integration: 'hue' },
  { device_id: 'd2', name: 'Hall Thermostat', manufacturer: 'ecobee', model: 'SmartThermostat', area_id: 'hall', integration: 'ecobee' },
  { device_id: 'd3', name: 'Front Door', manufacturer: 'Aqara', model: 'MCCGQ11LM', area_id: null, integration: 'zha' },
];

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
    });
  });
}

/** Starts the three fakes on free loopback ports. */
export async function startFakeHomeiqUpstreams(options: FakeUpstreamsOptions): Promise<FakeHomeiqUpstreams> {
  const requests: RecordedRequest[] = [];
  const statuses: Record<string, string> = { ...(options.serviceStatuses ?? DEFAULT_STATUSES) };
  const startedAt = Date.now();
  const rate = options.eventsPerSecond ?? 20;
  const now = () => new Date().toISOString();
  const record = (upstream: RecordedRequest['upstream'], req: IncomingMessage): string => {
    const path = req.url ?? '/';
    requests.push({ upstream, path, authorization: req.headers.authorization });
    return path.split('?', 1)[0] ?? path;
  };

  const admin = createServer((req, res) => {
    const path = record('admin-api', req);
    if (path === '/health') return json(res, 200, { status: 'healthy', service: 'admin-api', timestamp: now(), uptime_seconds: 1 });
    if (path === '/api/v1/health') {
      return json(res, 200, {
        status: 'healthy', service: 'admin-api', timestamp: now(), uptime_seconds: 12, uptime_human: '0h 0m 12s',
        dependencies: ['InfluxDB', 'WebSocket Ingestion', 'Data API'].map((name) => ({ name, status: 'healthy', response_time_ms: 3.2, last_check: now() })),
        metrics: { uptime_human: '0h 0m 12s', uptime_seconds: 12, total_requests: requests.length, error_rate: 0 },
      });
    }
    if (path === '/api/v1/health/services') {
      return json(res, 200, Object.fromEntries(Object.entries(statuses).map(([name, status]) => [name, { name, status, last_check: now(), response_time_ms: 4.1, error_message: null }])));
    }
    json(res, 404, { detail: 'Not Found' });
  });
  const data = createServer((req, res) => {
    const path = record('data-api', req);
    if (path === '/health') return json(res, 200, { status: 'healthy', service: 'data-api', dependencies: { influxdb: { status: 'connected' } } });
    if (req.headers.authorization !== `Bearer ${options.apiKey}`) return json(res, 401, { detail: 'Not authenticated' });
    if (path === '/api/v1/events') {
      const events = Array.from({ length: 12 }, (_v, i) => ({
        id: `ctx-${i}`, timestamp: new Date(Date.now() - i * 5000).toISOString(), entity_id: ['light.kitchen', 'sensor.hall_temperature', 'binary_sensor.front_door'][i % 3],
        event_type: 'state_changed', old_state: null, new_state: null, attributes: {}, tags: { domain: ['light', 'sensor', 'binary_sensor'][i % 3] },
      }));
      return json(res, 200, events);
    }
    if (path === '/api/devices') return json(res, 200, { devices: DEVICES, count: DEVICES.length, limit: 100 });
    json(res, 404, { detail: 'Not Found' });
  });
  const ingestion = createServer((req, res) => {
    const path = record('websocket-ingestion', req);
    if (path !== '/health') return json(res, 404, { detail: 'Not Found' });
    const total = 1000 + Math.floor(((Date.now() - startedAt) / 1000) * rate);
    json(res, 200, {
      status: 'healthy', service: 'websocket-ingestion', uptime: '0:00:12', timestamp: now(),
      connection: { is_running: true, connection_attempts: 1, successful_connections: 1, failed_connections: 0 },
      subscription: { is_subscribed: true, active_subscriptions: 1, total_events_received: total, event_rate_per_minute: rate * 60 },
    });
  });
  const [adminApiUrl, dataApiUrl, websocketUrl] = await Promise.all([listen(admin), listen(data), listen(ingestion)]);
  return {
    adminApiUrl,
    dataApiUrl,
    websocketUrl,
    requests,
    setServiceStatus(name, status) {
      statuses[name] = status;
    },
    async close() {
      await Promise.all(
        [admin, data, ingestion].map(
          (s) =>
            new Promise<void>((resolve) => {
              s.closeAllConnections();
              s.close(() => resolve());
            }),
        ),
      );
    },
  };
}
