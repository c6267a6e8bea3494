// The power bench's target: a reference-stack twin (fixtures/reference/services/_shared/twin-server.ts) with one
// data-api-like route, on 127.0.0.1 and a port the OS picks. Its latency comes from the twins' own `latency` knob
// (PATCH /__phasegate/faults), exactly as in the reference stack. Prints `PORT <n>`; exits when its parent goes.
import { createTwin, sendJson } from '../../fixtures/reference/services/_shared/twin-server.js';

const twin = createTwin({ name: 'bench-twin', port: 0 });
twin.route('GET', '/api/v1/events', (_req, res) => sendJson(res, 200, [{ entity_id: 'sensor.living_room_temperature', state: '21.5', event_type: 'state_changed' }]));
const port = await twin.listen();
process.stdout.write(`PORT ${port}\n`);
process.on('disconnect', () => process.exit(0));
setTimeout(() => process.exit(0), 20 * 60_000).unref();
